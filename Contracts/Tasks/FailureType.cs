namespace Overseer.Contracts.Tasks;

/// <summary>Why an attempt did not succeed. Only application failures and timeouts spend the task's retry budget.</summary>
public enum FailureType
{
    /// <summary>The task's own code failed (non-zero exit code, or its command could not start).</summary>
    Application,
    /// <summary>The attempt ran past its timeout.</summary>
    Timeout,
    /// <summary>Resources ran out (OOM-killed, evicted for pressure).</summary>
    Resource,
    /// <summary>The infrastructure lost the attempt (process, pod or node gone, heartbeats missed).</summary>
    Infrastructure,
}
