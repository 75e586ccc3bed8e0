using System.Net.Http.Headers;
using Overseer.ServiceDefaults.Posix;
using Overseer.AppHost.Postgres;
using Overseer.Contracts.Client;

namespace Overseer.Chaos.Cluster;

/// <summary>
/// One real Api process (the built Overseer.Api.dll) on a fixed loopback port; it can be killed, paused, resumed and
/// started again on the same port and database.
/// </summary>
public sealed class ApiNode : ChaosProcess
{
    /// <summary>The admin token every node is seeded with.</summary>
    public const string Token = "chaos-admin-token-0123456789abcdef";

    /// <summary>Application name of the Api's database connections (what pg_terminate_backend aims at).</summary>
    public const string ApplicationName = "overseer-chaos-api";

    /// <summary>The master key of result signing (base64 of 32 bytes), so the suite can sign as a sidecar.</summary>
    public const string MasterKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private const int SigStop = 19;
    private const int SigCont = 18;

    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <summary>A node (not started) using <paramref name="connectionString"/> with <paramref name="settings"/> added to its environment.</summary>
    public ApiNode(string name, string connectionString, IReadOnlyDictionary<string, string?> settings, Action<string> log)
        : base(name, "Api", "Overseer.Api.dll", log)
    {
        _connectionString = connectionString;
        _settings = settings;
        Port = FreePort.Pick();
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/"), Timeout = RequestTimeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Client = new OverseerClient(http);
    }

    /// <summary>How long the suite waits for any one HTTP answer; a request taking longer counts as hung.</summary>
    public static TimeSpan RequestTimeout { get; } = TimeSpan.FromSeconds(60);

    /// <summary>The HTTP port.</summary>
    public int Port { get; }

    /// <summary>A client with the admin token.</summary>
    public OverseerClient Client { get; }

    /// <summary>
    /// Starts the process (after a previous one, if any, is gone) with <paramref name="extra"/> settings for this
    /// start only; waits until it listens. Answers false when it died at a crash point first (armed starts only).
    /// </summary>
    public async Task<bool> StartAsync(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}",
            ["ConnectionStrings__overseer"] = _connectionString,
            ["OVERSEER_ADMIN_TOKEN"] = Token,
            ["Results__MasterKey"] = MasterKey,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
            [Contracts.Faults.CrashPoints.Variable] = null,
            [Contracts.Faults.CrashPoints.SeedVariable] = null,
        };
        foreach (var (name, value) in _settings.Concat(extra ?? new Dictionary<string, string?>()))
        {
            environment[name] = value;
        }
        return await StartProcessAsync(environment);
    }

    /// <summary>SIGSTOP: the process stays, but does nothing (no heartbeats, no lease renewals).</summary>
    public void Pause() => Native.Signal(Pid, SigStop);

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => Native.Signal(Pid, SigCont);

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (IsRunning)
        {
            Resume();
        }
        await base.DisposeAsync();
        Client.Http.Dispose();
    }
}
