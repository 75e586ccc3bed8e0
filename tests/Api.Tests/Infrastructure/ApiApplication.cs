using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Overseer.Contracts.Auth;
using Overseer.Contracts.Client;

namespace Overseer.Api.Tests.Infrastructure;

/// <summary>
/// The Api hosted in-process on its own fresh database, with fast heartbeat, reaper and leadership timings.
/// Dispatcher and local executor run for real; tasks are real child processes.
/// </summary>
public class ApiApplication : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Token of the seeded admin.</summary>
    public const string AdminToken = "test-admin-token-0123456789";

    /// <summary>Connection string of this application's database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Settings added on top of the defaults (set before first use).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => ConnectionString = await TestDatabase.CreateAsync();

    /// <summary>The database this application uses.</summary>
    public NpgsqlDataSource Database => Services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>A client authenticated as the seeded admin.</summary>
    public OverseerClient AdminClient() => new(CreateAuthorizedClient(AdminToken));

    /// <summary>A client whose token has exactly <paramref name="scope"/>.</summary>
    public async Task<OverseerClient> ClientWithScopeAsync(string scope)
    {
        var created = await AdminClient().CreateTokenAsync(new CreateTokenRequest($"test-{scope}", [scope]));
        return new OverseerClient(CreateAuthorizedClient(created.Token));
    }

    /// <summary>An HTTP client sending <paramref name="token"/> as bearer token.</summary>
    public HttpClient CreateAuthorizedClient(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:overseer"] = ConnectionString,
            ["OVERSEER_ADMIN_TOKEN"] = AdminToken,
            ["Executor:HeartbeatInterval"] = "00:00:00.500",
            ["Executor:HeartbeatTimeout"] = "00:00:03",
            ["Executor:LogFlushInterval"] = "00:00:00.200",
            ["Reaper:Interval"] = "00:00:00.500",
            ["Leadership:LeaseDuration"] = "00:00:03",
            ["Leadership:RenewDeadline"] = "00:00:02",
            ["Leadership:RetryPeriod"] = "00:00:00.250",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        catch (Exception e)
        {
            // Every test of the class has run and asserted by now. A failed teardown of the in-process host is reported,
            // not turned into a failed run: xUnit shows it only as a bare TestPipelineException, and a real Api's shutdown
            // is tested as a process (AppHost and chaos tests: SIGTERM exits 0, kill -9 loses nothing). ./test.sh prints
            // these reports at the end.
            var report = $"{DateTime.UtcNow:O} {GetType().Name}: the in-process Api did not shut down cleanly: {e}\n\n";
            await Console.Error.WriteAsync(report);
            if (Environment.GetEnvironmentVariable("OVERSEER_TEARDOWN_LOG") is { Length: > 0 } log)
            {
                await File.AppendAllTextAsync(log, report);
            }
        }
        GC.SuppressFinalize(this);
    }
}
