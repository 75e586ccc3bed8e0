using System.Net.Http.Headers;
using System.Security.Cryptography;
using Dapper;
using Npgsql;
using Overseer.AppHost.Postgres;
using Overseer.Contracts.Client;
using Overseer.Kubernetes.Tests.Infrastructure;
using Overseer.KubeSim.Hosting;
using Overseer.KubeSim.Kubelet;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.Executor;

/// <summary>
/// The Api as a real process with <c>Executor:Kind=kubernetes</c>, against an in-process KubeSim and a fresh database.
/// Sidecars are a stand-in process (<c>sleep</c>) unless <see cref="RealSidecar"/> is set; runners run their commands.
/// </summary>
public class KubernetesApi : IAsyncLifetime
{
    public const string Token = "kube-test-admin-token-0123456789";
    public static readonly string MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly List<OverseerApiProcess> _apis = [];

    public TestSim Sim { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";
    public OverseerApiProcess Api => _apis[0];
    public OverseerClient Client => Api.Client;

    /// <summary>Runs the real Sidecar build in every job pod.</summary>
    protected virtual bool RealSidecar => false;

    /// <summary>Extra Api settings.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async ValueTask InitializeAsync()
    {
        var images = new ImageMap().AddUnpullable("unpullable/")
            .Add(new ImageMapping("overseer/worker", ["dotnet", RepoPaths.Built("Runtimes/Worker", "Overseer.Worker.dll")]))
            .Add(new ImageMapping("entrypoint/hello", ["sh", "-c", "echo from the image entrypoint"]));
        images.Add(RealSidecar
            ? new ImageMapping("overseer/sidecar", ["dotnet", RepoPaths.Built("Sidecar", "Overseer.Sidecar.dll")])
            : new ImageMapping("overseer/sidecar", ["sleep", "3600"]));
        Sim = await TestSim.StartAsync(new KubeSimOptions { Images = images });
        ConnectionString = await PostgresServer.CreateDatabaseAsync("kube");
        await StartApiAsync();
    }

    /// <summary>Starts one more Api replica on the same database and cluster; answers it.</summary>
    public async Task<OverseerApiProcess> StartApiAsync()
    {
        var port = FreePort.Pick();
        var env = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__overseer"] = ConnectionString,
            ["OVERSEER_ADMIN_TOKEN"] = Token,
            ["Results__MasterKey"] = MasterKey,
            ["services__api__http__0"] = $"http://127.0.0.1:{port}",
            ["Executor__Kind"] = "kubernetes",
            ["Executor__HeartbeatInterval"] = "00:00:00.500",
            ["Executor__HeartbeatTimeout"] = "00:00:03",
            ["Reaper__Interval"] = "00:00:00.500",
            ["Leadership__LeaseDuration"] = "00:00:03",
            ["Leadership__RenewDeadline"] = "00:00:02",
            ["Leadership__RetryPeriod"] = "00:00:00.250",
            ["Kubernetes__Kubeconfig"] = Sim.KubeconfigPath,
            ["Kubernetes__SidecarImage"] = "overseer/sidecar:test",
            ["Kubernetes__SidecarPorts"] = "unique",
            ["Kubernetes__ImagePullBackOffLimit"] = "00:00:03",
            ["Kubernetes__TerminationGracePeriodSeconds"] = "5",
            ["Kubernetes__WatchRetryBaseDelay"] = "00:00:00.100",
            ["Kubernetes__RetryBaseDelay"] = "00:00:00.050",
        };
        foreach (var (key, value) in Settings)
        {
            env[key] = value;
        }
        var api = new OverseerApiProcess(ChildProcess.StartDotnet(RepoPaths.Built("Api", "Overseer.Api.dll"), env), port);
        _apis.Add(api);
        await api.WaitReadyAsync();
        return api;
    }

    public async Task<long> ScalarAsync(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var api in _apis)
        {
            await api.DisposeAsync();
        }
        await Sim.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>One Api process and a client for it.</summary>
public sealed class OverseerApiProcess(ChildProcess process, int port) : IAsyncDisposable
{
    public ChildProcess Process { get; } = process;
    public int Port { get; } = port;

    public OverseerClient Client { get; } = new(new HttpClient
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", KubernetesApi.Token) },
    });

    public Task WaitReadyAsync() => Process.WaitForOutputAsync("Now listening on", TimeSpan.FromSeconds(60));

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
