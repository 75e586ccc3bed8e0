using Overseer.AppHost.Postgres;
using Overseer.Contracts.Faults;

namespace Overseer.Chaos.Cluster;

/// <summary>
/// The real Sidecar (the built Overseer.Sidecar.dll) in shared mode, as AppHost runs it for local tasks: a fixed
/// relay port, a spool directory that outlives its processes, optional crash points and clock offset. It can be killed
/// and started again on the same port and spool, as AppHost's supervisor would.
/// </summary>
public sealed class SidecarNode(int port, string apiUrl, string spoolDir, IReadOnlyDictionary<string, string?> settings, Action<string> log)
    : ChaosProcess("sidecar", "Sidecar", "Overseer.Sidecar.dll", log)
{
    private readonly int _proxyPort = FreePort.Pick();

    /// <summary>The relay's base address (what the Api gives local attempts).</summary>
    public string Url => $"http://127.0.0.1:{port}";

    /// <summary>
    /// Starts the process with <paramref name="extra"/> settings for this start only; waits until it listens. Answers
    /// false when it died at a crash point first (it resumes spooled deliveries while starting).
    /// </summary>
    public async Task<bool> StartAsync(IReadOnlyDictionary<string, string?>? extra = null)
    {
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
        return await StartProcessAsync(environment);
    }

    /// <summary>Files the spool still holds (results not yet delivered).</summary>
    public int Spooled => Directory.Exists(spoolDir) ? Directory.EnumerateFiles(spoolDir, "*.result").Count() : 0;
}
