namespace Overseer.Contracts.Tasks;

/// <summary>States of one attempt of a task. Every attempt ends in exactly one of the last five.</summary>
public enum AttemptState
{
    /// <summary>Claimed; the executor is starting it.</summary>
    Dispatching,
    /// <summary>The process or pod runs.</summary>
    Running,
    /// <summary>Exited 0.</summary>
    Succeeded,
    /// <summary>Exited non-zero, or could not start.</summary>
    Failed,
    /// <summary>Killed at its timeout.</summary>
    TimedOut,
    /// <summary>Killed because the task was cancelled.</summary>
    Cancelled,
    /// <summary>The infrastructure lost it (process or pod gone, missed heartbeats).</summary>
    Lost,
}
