namespace Overseer.Api.Execution.Kubernetes;

/// <summary>What the executor tracks of one attempt it runs as a Job.</summary>
internal sealed class KubeAttempt(ClaimedAttempt claimed, LiveAttempt live, string jobName)
{
    private int _done;

    public ClaimedAttempt Claimed { get; } = claimed;
    public LiveAttempt Live { get; } = live;
    public string JobName { get; } = jobName;

    /// <summary>Serializes the evaluation of this attempt's events (pods and Jobs are watched separately).</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public bool StartedReported { get; set; }
    public string? WaitingReason { get; set; }
    public long? StartProblemSince { get; set; }
    public bool Cancelling { get; set; }

    /// <summary>When the Job was first seen ended while its pod was not yet in the pod watch; null otherwise.</summary>
    public long? EndedWithoutPodSince { get; set; }

    /// <summary>True once an outcome was decided (or the attempt was let go).</summary>
    public bool IsDone => Volatile.Read(ref _done) == 1;

    /// <summary>Claims the right to decide the outcome; false when it was already decided.</summary>
    public bool TryFinish() => Interlocked.Exchange(ref _done, 1) == 0;

    /// <summary>True for a queue pool: a work-queue Job of <c>parallelism</c> runtime pods.</summary>
    public bool IsPool => Claimed.Kind == "pool";

    public int TimeoutSeconds => Claimed.Spec.TimeoutSeconds ?? Contracts.Tasks.TaskSpec.DefaultTimeoutSeconds;
}
