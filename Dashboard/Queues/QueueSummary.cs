namespace Overseer.Dashboard.Queues;

/// <summary>One queue on the overview.</summary>
/// <param name="Name">Queue name.</param>
/// <param name="Depth">Items waiting.</param>
/// <param name="OldestAge">Age of the oldest waiting item; null when empty.</param>
/// <param name="Paused">True when paused.</param>
/// <param name="WaitingReason">Why its pool is not draining it, when it is not.</param>
public sealed record QueueSummary(string Name, long Depth, TimeSpan? OldestAge, bool Paused, string? WaitingReason);
