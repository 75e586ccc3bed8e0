using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Overseer.Contracts.Client;
using Overseer.Contracts.Queues;
using Overseer.Testing;

namespace Overseer.Worker.Tests;

/// <summary>
/// The Api on a real port and a fresh database (it migrates itself), serving queues of runtime <c>external</c>: the
/// tests start Worker processes themselves and watch what they do to the items.
/// </summary>
public sealed class WorkerApiApplication : WebApplicationFactory<Program>, IAsyncLifetime
{
    private const string AdminToken = "worker-tests-admin-token-0123456789";
    private string _connectionString = "";

    /// <summary>Listens on a free port.</summary>
    public WorkerApiApplication() => UseKestrel(0);

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync("worker");
        StartServer();
    }

    /// <summary>Where Worker processes reach the Api.</summary>
    public Uri BaseAddress => CreateClient().BaseAddress!;

    /// <summary>The Api's database.</summary>
    public NpgsqlDataSource Database => Services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>The admin's queue client.</summary>
    public QueuesClient Queues()
    {
        var http = CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return new QueuesClient(http);
    }

    /// <summary>Defines an external queue and answers a runtime token for it.</summary>
    public async Task<string> QueueAsync(string name, int leaseSeconds = 30, int maxAttempts = 5)
    {
        await Queues().DefineAsync(name, new QueueSpec { Runtime = QueueDefaults.ExternalRuntime, LeaseSeconds = leaseSeconds, MaxAttempts = maxAttempts });
        return (await Queues().CreateTokenAsync(name, "worker-test")).Token;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["ConnectionStrings:overseer"] = _connectionString,
            ["OVERSEER_ADMIN_TOKEN"] = AdminToken,
            ["Queues:LeaseExpiryInterval"] = "00:00:00.200",
            ["Leadership:LeaseDuration"] = "00:00:03",
            ["Leadership:RenewDeadline"] = "00:00:02",
            ["Leadership:RetryPeriod"] = "00:00:00.250",
            ["Logging:LogLevel:Default"] = "Warning",
        })
        {
            builder.UseSetting(key, value);
        }
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
