namespace Overseer.Api.Results;

/// <summary>What the store did with an enrollment, result or heartbeat.</summary>
internal enum StoreOutcome
{
    /// <summary>Stored for the first time (result recorded, enrollment granted, heartbeat extended).</summary>
    Done,

    /// <summary>The same thing again: an identical result, or an enrollment retried by the same instance.</summary>
    Repeated,

    /// <summary>A different result for an attempt that already has one.</summary>
    Conflict,

    /// <summary>The attempt is not the task's latest.</summary>
    Fenced,

    /// <summary>The task or attempt does not exist.</summary>
    NotFound,

    /// <summary>The nonce was already used.</summary>
    Replay,

    /// <summary>The attempt's enrollment was contested.</summary>
    Contested,

    /// <summary>The attempt is no longer running (heartbeats only).</summary>
    NotLive,
}
