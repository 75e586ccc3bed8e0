namespace Overseer.Contracts.Queues;

/// <summary>Live statistics of a queue.</summary>
/// <param name="Available">Items waiting to be claimed (including those whose <c>runAt</c> is still ahead).</param>
/// <param name="Claimed">Items held by a lease now.</param>
/// <param name="Done">Items acked.</param>
/// <param name="Dead">Items whose attempts were used up.</param>
/// <param name="OldestAvailableAgeSeconds">How long the oldest due, available item has waited; null when none is due.</param>
/// <param name="DoneLastMinute">Items acked in the last 60 seconds (throughput).</param>
/// <param name="DeadLastMinute">Items that went to <c>dead</c> in the last 60 seconds.</param>
public sealed record QueueStatsDto(
    long Available,
    long Claimed,
    long Done,
    long Dead,
    double? OldestAvailableAgeSeconds,
    long DoneLastMinute,
    long DeadLastMinute);
