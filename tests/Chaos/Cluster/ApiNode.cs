using System.Net.Http.Headers;
using Overseer.AppHost.Posix;
using Overseer.AppHost.Postgres;
using Overseer.Contracts.Client;
using Overseer.Testing;

namespace Overseer.Chaos.Cluster;

/// <summary>
/// One real Api process (the built Overseer.Api.dll) on a fixed loopback port; it can be killed, paused, resumed and
/// started again on the same port and database.
/// </summary>
public sealed class ApiNode : IAsyncDisposable
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
    private readonly Action<string> _log;
    private ChildProcess? _process;
    private int _starts;

    /// <summary>A node (not started) using <paramref name="connectionString"/> with <paramref name="settings"/> added to its environment.</summary>
    public ApiNode(string name, string connectionString, IReadOnlyDictionary<string, string?> settings, Action<string> log)
    {
        Name = name;
        _connectionString = connectionString;
        _settings = settings;
        _log = log;
        Port = FreePort.Pick();
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/"), Timeout = RequestTimeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Client = new OverseerClient(http);
    }

    /// <summary>How long the suite waits for any one HTTP answer; a request taking longer counts as hung.</summary>
    public static TimeSpan RequestTimeout { get; } = TimeSpan.FromSeconds(60);

    /// <summary>Name used in the suite's log.</summary>
    public string Name { get; }

    /// <summary>The HTTP port.</summary>
    public int Port { get; }

    /// <summary>A client with the admin token.</summary>
    public OverseerClient Client { get; }

    /// <summary>The current process id (0 when not started).</summary>
    public int Pid => _process?.Pid ?? 0;

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => _process is { Process.HasExited: false };

    /// <summary>Output of every process this node ran, oldest first.</summary>
    public List<string> PastOutput { get; } = [];

    /// <summary>Everything the current process printed.</summary>
    public string Output => _process?.Output ?? "";

    /// <summary>
    /// Starts the process (after a previous one, if any, is gone) with <paramref name="extra"/> settings for this
    /// start only; waits until it listens. Answers false when it died at a crash point first (armed starts only).
    /// </summary>
    public async Task<bool> StartAsync(IReadOnlyDictionary<string, string?>? extra = null)
    {
        await ForgetProcessAsync();
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
        _starts++;
        _process = ChildProcess.StartDotnet(RepoPaths.Built("Api", "Overseer.Api.dll"), environment);
        try
        {
            await _process.WaitForOutputAsync("Now listening on", TimeSpan.FromSeconds(120));
        }
        catch (InvalidOperationException) when (_process.Process.HasExited && _process.Output.Contains("crash point '", StringComparison.Ordinal))
        {
            _log($"{Name}: died at a crash point while starting (pid {Pid}, start {_starts})");
            return false;
        }
        _log($"{Name}: started (pid {Pid}, start {_starts})");
        return true;
    }

    /// <summary>kill -9.</summary>
    public void Kill()
    {
        if (_process is { } p && !p.Process.HasExited)
        {
            p.Process.Kill();
            p.Process.WaitForExit(10_000);
            _log($"{Name}: killed (pid {p.Pid})");
        }
    }

    /// <summary>SIGSTOP: the process stays, but does nothing (no heartbeats, no lease renewals).</summary>
    public void Pause() => Native.Signal(Pid, SigStop);

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => Native.Signal(Pid, SigCont);

    /// <summary>Waits until the process exits by itself (e.g. at a crash point); false on timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (_process is null)
        {
            return true;
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await _process.Process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is { } p && !p.Process.HasExited)
        {
            Resume();
        }
        await ForgetProcessAsync();
        Client.Http.Dispose();
    }

    private async Task ForgetProcessAsync()
    {
        if (_process is { } old)
        {
            PastOutput.Add(old.Output);
            await old.DisposeAsync();
            _process = null;
        }
    }
}
