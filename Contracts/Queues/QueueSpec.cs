using Overseer.Contracts.Tasks;

namespace Overseer.Contracts.Queues;

/// <summary>
/// A queue definition, sent to <c>PUT /api/v1/queues/{name}</c>: the pool that drains it, how items are retried, and
/// the spawner's timing policy (job-chief's). Durations are strings such as <c>55s</c>, <c>1m</c> or <c>1h30m</c>.
/// Omitted fields take the defaults in <see cref="QueueDefaults"/>.
/// </summary>
public sealed record QueueSpec
{
    /// <summary>
    /// <c>worker</c> (default): each pool process is Overseer's Worker, which runs <see cref="Command"/> once per item.
    /// <c>command</c>: each pool process is <see cref="Command"/> itself, a runtime that speaks the claim protocol.
    /// <c>external</c>: Overseer starts no pools; runtimes run elsewhere (e.g. scaled by KEDA) with a queue credential.
    /// </summary>
    public string? Runtime { get; set; }

    /// <summary>Container image of the pool's pods. Recorded and ignored by the local executor.</summary>
    public string? Image { get; set; }

    /// <summary>The program run per item (runtime <c>worker</c>), or the runtime itself (runtime <c>command</c>).</summary>
    public IReadOnlyList<string> Command { get; set; } = [];

    /// <summary>Arguments appended to <see cref="Command"/>.</summary>
    public IReadOnlyList<string> Args { get; set; } = [];

    /// <summary>Environment variables of the pool's processes (and of the commands they run).</summary>
    public IReadOnlyDictionary<string, string> Env { get; set; } = new Dictionary<string, string>();

    /// <summary>Annotations of each pool's Kubernetes Job and pods (job-chief's <c>podConfig.annotations</c>); recorded locally.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; set; } = new Dictionary<string, string>();

    /// <summary>Kubernetes resource requests and limits of each pool pod.</summary>
    public ResourceSpec? Resources { get; set; }

    /// <summary>Processes (pods) a pool starts with, 1..256.</summary>
    public int? Parallelism { get; set; }

    /// <summary>Most processes a pool grows to while the queue is deep; at least <see cref="Parallelism"/>.</summary>
    public int? MaxParallelism { get; set; }

    /// <summary>Target of available items per process: a pool grows to <c>ceil(available / itemsPerPod)</c> processes.</summary>
    public int? ItemsPerPod { get; set; }

    /// <summary>Claims an item gets (1..1000) before it goes to <c>dead</c> with its last error.</summary>
    public int? MaxAttempts { get; set; }

    /// <summary>Length of a claim's lease, 1..3600 seconds; runtimes extend it while they work.</summary>
    public int? LeaseSeconds { get; set; }

    /// <summary>Optional name of another queue that receives a copy of each item that goes to <c>dead</c>.</summary>
    public string? DeadLetter { get; set; }

    /// <summary>Items the Worker claims per request, 1..1000.</summary>
    public int? BatchSize { get; set; }

    /// <summary>The Worker exits after the queue has been empty this long.</summary>
    public string? IdleTimeout { get; set; }

    /// <summary>The Worker kills an item's command that runs longer than this, and nacks the item.</summary>
    public string? ItemTimeout { get; set; }

    /// <summary>The Worker's first retry delay after a failed item; it doubles per attempt.</summary>
    public string? RetryDelay { get; set; }

    /// <summary>Longest retry delay the Worker asks for.</summary>
    public string? MaxRetryDelay { get; set; }

    /// <summary>Longest life of one pool; it is stopped after that.</summary>
    public string? PoolTimeout { get; set; }

    /// <summary>While the queue is empty, how often the spawner looks at it again (an enqueue also wakes it).</summary>
    public string? QueueCheckInterval { get; set; }

    /// <summary>How long a pool may take to start running; after that it is stopped and <see cref="WaitTimeAfterTimeout"/> applies.</summary>
    public string? JobStartTimeout { get; set; }

    /// <summary>Wait before the next pool after a pool that succeeded.</summary>
    public string? WaitTimeAfterSuccessfulRun { get; set; }

    /// <summary>Wait before the next pool after a pool that missed its start timeout.</summary>
    public string? WaitTimeAfterTimeout { get; set; }

    /// <summary>Wait before the next pool after a pool that could not run (its program or command could not start, credentials refused).</summary>
    public string? WaitTimeAfterError { get; set; }

    /// <summary>Wait before the next pool after a pool that failed (a process exited non-zero, timed out, was lost or cancelled).</summary>
    public string? WaitTimeAfterFailedRun { get; set; }
}
