using System.Collections.Concurrent;
using Npgsql;
using Overseer.AppHost.Postgres;
using Overseer.Chaos.Cluster;
using Overseer.Chaos.Faults;
using Overseer.Testing;

namespace Overseer.Chaos.Scenarios;

/// <summary>What one scenario runs on: its own PostgreSQL, optionally a fault proxy in front of it, and Api nodes.</summary>
public sealed class ChaosEnvironment : IAsyncDisposable
{
    /// <summary>The infrastructure retry budget the nodes are given (the checker allows Lost only past it).</summary>
    public const int InfrastructureRetries = 5;

    private readonly string _dir;

    private ChaosEnvironment(string dir, ChaosPostgres postgres, FaultProxy? proxy, ScenarioSettings settings)
    {
        _dir = dir;
        Postgres = postgres;
        Proxy = proxy;
        Settings = settings;
        Random = new Random(settings.Seed);
        MarkerDir = Path.Combine(dir, "markers");
        Directory.CreateDirectory(MarkerDir);
        // Runners write here; as root the Api runs them as its unprivileged task user.
        File.SetUnixFileMode(MarkerDir, (UnixFileMode)0b1_111_111_111);
    }

    /// <summary>The scenario's server.</summary>
    public ChaosPostgres Postgres { get; }

    /// <summary>The proxy between the nodes and the server, when the scenario uses one.</summary>
    public FaultProxy? Proxy { get; }

    /// <summary>Size and seed.</summary>
    public ScenarioSettings Settings { get; }

    /// <summary>The scenario's seeded random source (faults); the workload has its own.</summary>
    public Random Random { get; }

    /// <summary>Where runners write their markers.</summary>
    public string MarkerDir { get; }

    /// <summary>The fault proxy between the sidecar and the Api, when the scenario uses a sidecar.</summary>
    public FaultProxy? SidecarProxy { get; private set; }

    /// <summary>The shared-mode sidecar local attempts post their results to, when the scenario uses one.</summary>
    public SidecarNode? Sidecar { get; private set; }

    /// <summary>The Api nodes.</summary>
    public List<ApiNode> Nodes { get; } = [];

    /// <summary>Pids of Api processes the scenario killed, paused or saw crash.</summary>
    public ConcurrentDictionary<int, bool> FaultedPids { get; } = new();

    /// <summary>Tasks whose runner the scenario killed.</summary>
    public ConcurrentDictionary<Guid, bool> DisturbedTasks { get; } = new();

    /// <summary>The submitting workload.</summary>
    public Workload.Workload Workload { get; private set; } = null!;

    /// <summary>Logs a progress line.</summary>
    public void Log(string line) => Settings.Log(line);

    /// <summary>
    /// Starts PostgreSQL (and the proxy), <paramref name="nodes"/> Api nodes with <paramref name="nodeSettings"/>, and,
    /// when <paramref name="sidecarSettings"/> is given, a shared-mode sidecar (with those settings) in front of the first node.
    /// </summary>
    public static async Task<ChaosEnvironment> StartAsync(string name, ScenarioSettings settings, int nodes, bool useProxy,
        IReadOnlyDictionary<string, string?> nodeSettings, int slowRetries, CancellationToken ct,
        IReadOnlyDictionary<string, string?>? sidecarSettings = null)
    {
        var dir = TestDirectories.Create($"chaos-{name}");
        var postgres = await ChaosPostgres.StartAsync(dir, ct);
        var proxy = useProxy ? new FaultProxy(postgres.Port).Start() : null;
        var env = new ChaosEnvironment(dir, postgres, proxy, settings);
        var api = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { ApplicationName = ApiNode.ApplicationName };
        if (proxy is not null)
        {
            api.Port = proxy.Port;
        }
        var environment = new Dictionary<string, string?>
        {
            ["Executor__HeartbeatInterval"] = "00:00:01",
            ["Executor__HeartbeatTimeout"] = "00:00:06",
            ["Executor__IdlePollInterval"] = "00:00:01",
            ["Reaper__Interval"] = "00:00:00.500",
            ["Leadership__LeaseDuration"] = "00:00:03",
            ["Leadership__RenewDeadline"] = "00:00:02",
            ["Leadership__RetryPeriod"] = "00:00:00.250",
            ["Tasks__InfrastructureRetries"] = InfrastructureRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in nodeSettings)
        {
            environment[key] = value;
        }
        var sidecarPort = FreePort.Pick();
        if (sidecarSettings is not null)
        {
            environment["services__sidecar__http__0"] = $"http://127.0.0.1:{sidecarPort}";
        }
        for (var i = 0; i < nodes; i++)
        {
            var node = new ApiNode($"api{i + 1}", api.ConnectionString, environment, settings.Log);
            env.Nodes.Add(node);
            // One at a time: the first applies the migrations.
            await node.StartAsync();
        }
        if (sidecarSettings is not null)
        {
            env.SidecarProxy = new FaultProxy(env.Nodes[0].Port).Start();
            env.Sidecar = new SidecarNode(sidecarPort, $"http://127.0.0.1:{env.SidecarProxy.Port}", Path.Combine(dir, "spool"), sidecarSettings, settings.Log);
            await env.Sidecar.StartAsync();
        }
        env.Workload = new Workload.Workload(env.Nodes, env.MarkerDir, postgres.ConnectionString, new Random(settings.Seed * 31 + 7), settings.Log)
        {
            SlowRetries = slowRetries,
        };
        return env;
    }

    /// <summary>Kills a node with SIGKILL and remembers it was disturbed.</summary>
    public void Kill(ApiNode node)
    {
        FaultedPids[node.Pid] = true;
        node.Kill();
    }

    /// <summary>A delay drawn from [<paramref name="minMs"/>, <paramref name="maxMs"/>).</summary>
    public TimeSpan Draw(int minMs, int maxMs) => TimeSpan.FromMilliseconds(minMs + Random.Next(Math.Max(1, maxMs - minMs)));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
        if (Sidecar is not null)
        {
            await Sidecar.DisposeAsync();
        }
        if (SidecarProxy is not null)
        {
            await SidecarProxy.DisposeAsync();
        }
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }
        await Postgres.DisposeAsync();
        TestDirectories.Delete(_dir);
    }
}
