namespace Overseer.Dashboard.Queues;

/// <summary>What the overview shows about queues.</summary>
/// <param name="Available">False while the Api has no queues API; the lists are then empty.</param>
/// <param name="Queues">Every queue with its depth.</param>
/// <param name="Pools">Runtime pools that are running.</param>
public sealed record QueueOverview(bool Available, IReadOnlyList<QueueSummary> Queues, IReadOnlyList<PoolSummary> Pools)
{
    /// <summary>The answer while queues are not available.</summary>
    public static QueueOverview Unavailable { get; } = new(false, [], []);
}
