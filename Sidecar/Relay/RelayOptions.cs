namespace Overseer.Sidecar.Relay;

/// <summary>
/// Settings of the result relay (section <c>Relay</c>). With <see cref="TaskId"/>, <see cref="Attempt"/> and
/// <see cref="EnrollmentToken"/> set, the sidecar serves one pod's attempt (per-pod mode); without them it serves
/// many local attempts, each posting to its own capability URL (shared mode, AppHost's sidecar).
/// </summary>
public sealed class RelayOptions
{
    /// <summary>Per-pod mode: the attempt's task.</summary>
    public Guid? TaskId { get; set; }

    /// <summary>Per-pod mode: the attempt number.</summary>
    public int Attempt { get; set; }

    /// <summary>Per-pod mode: the one-time token exchanged for the attempt key at start. Never logged.</summary>
    public string? EnrollmentToken { get; set; }

    /// <summary>Per-pod mode: directory whose files are attached to the result when the runner has terminated.</summary>
    public string OutDir { get; set; } = "/overseer/out";

    /// <summary>Largest result JSON a runner may post.</summary>
    public int MaxResultBytes { get; set; } = 256 * 1024;

    /// <summary>Most bytes of output files attached (files past the budget are left out and logged).</summary>
    public long MaxOutputBytes { get; set; } = 1024 * 1024;

    /// <summary>Most output files attached.</summary>
    public int MaxOutputFiles { get; set; } = 64;

    /// <summary>First delay between delivery tries; it doubles up to <see cref="RetryMaxDelay"/> (with jitter).</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between delivery tries.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of one request to the Api.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Shared mode: how long a runner's post waits for the Api to check its token before it is accepted unchecked (and checked later).</summary>
    public TimeSpan EnrollTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long deliveries keep being retried after the sidecar was asked to stop (per-pod mode: after the runner terminated).</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Shared mode: directory where accepted results are kept until the Api recorded them, so a crashed sidecar
    /// delivers them when it starts again (AppHost: <c>&lt;data-dir&gt;/sidecar-spool</c>). Unset: memory only.
    /// </summary>
    public string? SpoolDir { get; set; }

    /// <summary>Shared mode: most undelivered results held at once; more are answered 503.</summary>
    public int MaxPending { get; set; } = 256;

    /// <summary>Heartbeat interval; by default the one the Api answers at enrollment.</summary>
    public TimeSpan? HeartbeatInterval { get; set; }

    /// <summary>True in per-pod mode.</summary>
    public bool PerPod => TaskId is not null;
}
