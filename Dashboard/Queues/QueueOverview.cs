namespace Overseer.Dashboard.Queues;

/// <summary>What the overview shows about queues.</summary>
/// <param name="Available">False when the queues could not be read from the Api; the lists are then empty.</param>
/// <param name="Queues">Every queue with its depth.</param>
/// <param name="Pools">Runtime pools that are running.</param>
public sealed record QueueOverview(bool Available, IReadOnlyList<QueueSummary> Queues, IReadOnlyList<PoolSummary> Pools)
{
    /// <summary>The answer when queues could not be read.</summary>
    public static QueueOverview Unavailable { get; } = new(false, [], []);
}
