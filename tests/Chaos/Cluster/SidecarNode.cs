using Overseer.AppHost.Postgres;
using Overseer.Contracts.Faults;
using Overseer.Testing;

namespace Overseer.Chaos.Cluster;

/// <summary>
/// The real Sidecar (the built Overseer.Sidecar.dll) in shared mode, as AppHost runs it for local tasks: a fixed
/// relay port, a spool directory that outlives its processes, optional crash points and clock offset. It can be killed
/// and started again on the same port and spool, as AppHost's supervisor would.
/// </summary>
public sealed class SidecarNode(int port, string apiUrl, string spoolDir, IReadOnlyDictionary<string, string?> settings, Action<string> log) : IAsyncDisposable
{
    private readonly int _proxyPort = FreePort.Pick();
    private ChildProcess? _process;
    private int _starts;

    /// <summary>The relay's base address (what the Api gives local attempts).</summary>
    public string Url => $"http://127.0.0.1:{port}";

    /// <summary>The current process id (0 when not started).</summary>
    public int Pid => _process?.Pid ?? 0;

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => _process is { Process.HasExited: false };

    /// <summary>Output of every earlier process of this node, oldest first.</summary>
    public List<string> PastOutput { get; } = [];

    /// <summary>Everything the current process printed.</summary>
    public string Output => _process?.Output ?? "";

    /// <summary>
    /// Starts the process with <paramref name="extra"/> settings for this start only; waits until it listens. Answers
    /// false when it died at a crash point first (it resumes spooled deliveries while starting).
    /// </summary>
    public async Task<bool> StartAsync(IReadOnlyDictionary<string, string?>? extra = null)
    {
        await ForgetProcessAsync();
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = Url,
            ["services__api__http__0"] = apiUrl,
            ["Relay__SpoolDir"] = spoolDir,
            ["Relay__RetryMaxDelay"] = "00:00:01",
            ["Proxy__Port"] = _proxyPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Overseer.Sidecar.Relay"] = "Information",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
            [CrashPoints.Variable] = null,
            [CrashPoints.SeedVariable] = null,
        };
        foreach (var (name, value) in settings.Concat(extra ?? new Dictionary<string, string?>()))
        {
            environment[name] = value;
        }
        _starts++;
        _process = ChildProcess.StartDotnet(RepoPaths.Built("Sidecar", "Overseer.Sidecar.dll"), environment);
        try
        {
            await _process.WaitForOutputAsync("Now listening on", TimeSpan.FromSeconds(120));
        }
        catch (InvalidOperationException) when (_process.Process.HasExited && _process.Output.Contains("crash point '", StringComparison.Ordinal))
        {
            log($"sidecar: died at a crash point while starting (pid {Pid}, start {_starts})");
            return false;
        }
        log($"sidecar: started (pid {Pid}, start {_starts})");
        return true;
    }

    /// <summary>kill -9.</summary>
    public void Kill()
    {
        if (_process is { } p && !p.Process.HasExited)
        {
            p.Process.Kill();
            p.Process.WaitForExit(10_000);
            log($"sidecar: killed (pid {p.Pid})");
        }
    }

    /// <summary>Waits until the process exits by itself (e.g. at a crash point); false on timeout or cancellation.</summary>
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
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Files the spool still holds (results not yet delivered).</summary>
    public int Spooled => Directory.Exists(spoolDir) ? Directory.EnumerateFiles(spoolDir, "*.result").Count() : 0;

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await ForgetProcessAsync();

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
