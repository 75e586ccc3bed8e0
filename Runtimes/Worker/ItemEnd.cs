namespace Overseer.Worker;

/// <summary>How running one item's command ended.</summary>
internal enum ItemEnd
{
    /// <summary>The command exited by itself.</summary>
    Exited,
    /// <summary>Killed at the item timeout.</summary>
    TimedOut,
    /// <summary>Killed because the lease was lost (another runtime may have the item now).</summary>
    LeaseLost,
    /// <summary>Killed because the Worker is stopping and the grace period ran out.</summary>
    Interrupted,
    /// <summary>The command could not be started at all.</summary>
    NotStartable,
}
