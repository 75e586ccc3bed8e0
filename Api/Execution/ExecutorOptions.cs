namespace Overseer.Api.Execution;

/// <summary>Settings of the dispatcher and executors (section <c>Executor</c>).</summary>
public sealed class ExecutorOptions
{
    /// <summary><c>local</c> (child processes; the default) or <c>kubernetes</c>.</summary>
    public string Kind { get; set; } = "local";

    /// <summary>Most attempts this process runs at once.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>How often live attempts' heartbeats are written.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long after its last heartbeat an attempt counts as lost. Keep it at least 3 heartbeat intervals.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often new output of running attempts is stored.</summary>
    public TimeSpan LogFlushInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Output kept per attempt; older output is dropped behind a truncation marker.</summary>
    public long MaxLogBytes { get; set; } = 1024 * 1024;

    /// <summary>An attempt that ends sooner than this is recorded as started and ended in one write.</summary>
    public TimeSpan StartReportDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest wait between claims when idle (notifications normally wake the dispatcher sooner).</summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>While other attempts run, the writer waits this long so more reports share one transaction.</summary>
    public TimeSpan WriteCoalesceWindow { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>While other attempts run, the dispatcher waits this long after a wake-up so one claim takes several tasks.</summary>
    public TimeSpan ClaimCoalesceWindow { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Local executor: where tasks' Secret references are read, one directory per Secret and one file per key
    /// (<c>&lt;dir&gt;/&lt;name&gt;/&lt;key&gt;</c>, the shape of a mounted Secret). AppHost: <c>&lt;data-dir&gt;/secrets</c>.
    /// </summary>
    public string? SecretsDir { get; set; }

    /// <summary>Local executor: the same for ConfigMap references. AppHost: <c>&lt;data-dir&gt;/configmaps</c>.</summary>
    public string? ConfigMapsDir { get; set; }

    /// <summary>
    /// Local executor: parent of the per-attempt working directories (mode 0711: tasks reach their own by name, never
    /// list the others). AppHost: <c>&lt;data-dir&gt;/work</c>. Unset: a fresh directory under the system temp directory,
    /// one per Api process.
    /// </summary>
    public string? WorkRoot { get; set; }

    /// <summary>
    /// Local executor, when the Api runs as root: the unprivileged user every task and pool process runs as (groups
    /// cleared, no new privileges). Created as a system user without a login shell or home when missing.
    /// </summary>
    public string TaskUser { get; set; } = "overseer-task";

    /// <summary>
    /// Local executor: <c>none</c>, or <c>bwrap</c> (bubblewrap): each task process gets its own pid namespace, a
    /// private <c>/tmp</c>, and an empty directory over each of <see cref="SandboxHiddenPaths"/>.
    /// </summary>
    public string Sandbox { get; set; } = "none";

    /// <summary>Local executor with <c>Sandbox=bwrap</c>: paths a task must not see (AppHost: its data dir).</summary>
    public string[] SandboxHiddenPaths { get; set; } = [];
}
