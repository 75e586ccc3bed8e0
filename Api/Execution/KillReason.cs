namespace Overseer.Api.Execution;

/// <summary>Why an executor stops an attempt before it ends by itself.</summary>
public enum KillReason
{
    /// <summary>Not stopped.</summary>
    None,
    /// <summary>It ran past its timeout.</summary>
    Timeout,
    /// <summary>Its task was cancelled.</summary>
    Cancel,
    /// <summary>It is no longer the task's live attempt (the reaper gave up on it); its result would be rejected.</summary>
    Fenced,
    /// <summary>This process is shutting down.</summary>
    Shutdown,
}
