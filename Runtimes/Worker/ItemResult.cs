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

/// <summary>The outcome of one item's command.</summary>
/// <param name="End">How it ended.</param>
/// <param name="ExitCode">Its exit code, when it exited.</param>
/// <param name="Error">What went wrong, with the tail of its stderr; null on success.</param>
internal sealed record ItemResult(ItemEnd End, int? ExitCode, string? Error)
{
    /// <summary>True when the command exited 0.</summary>
    public bool Succeeded => End == ItemEnd.Exited && ExitCode == 0;
}
