namespace Overseer.Contracts.Tasks;

/// <summary>States of an AgentTask. The allowed moves between them are listed in the Api's transition table.</summary>
public enum TaskState
{
    /// <summary>Waiting for dependencies or a schedule.</summary>
    Pending,
    /// <summary>Ready to be claimed by a dispatcher.</summary>
    Queued,
    /// <summary>Claimed; the executor is starting an attempt.</summary>
    Dispatching,
    /// <summary>An attempt is running.</summary>
    Running,
    /// <summary>Terminal: the last attempt exited 0.</summary>
    Succeeded,
    /// <summary>Terminal: attempts failed and the retry budget is spent.</summary>
    Failed,
    /// <summary>Terminal: the last attempt ran past its timeout and the budget is spent.</summary>
    TimedOut,
    /// <summary>Terminal: cancelled by a user or a workflow.</summary>
    Cancelled,
    /// <summary>Terminal: infrastructure lost the work more often than its infrastructure budget allows.</summary>
    Lost,
    /// <summary>Terminal: a workflow node whose upstream failed.</summary>
    Skipped,
}
