namespace Overseer.Contracts.Queues;

/// <summary>The answer to a claim.</summary>
/// <param name="Items">Claimed items, best first (priority, then <c>runAt</c>, then id); empty when none is due or the queue is paused.</param>
/// <param name="LeaseSeconds">Length of each lease; extend well before it ends.</param>
/// <param name="Acked">Ids of the request's <c>ack</c> items that are now done.</param>
/// <param name="Stale">Ids of the request's <c>ack</c> items that were rejected: their lease was lost.</param>
public sealed record ClaimResponse(IReadOnlyList<ClaimedItem> Items, int LeaseSeconds, IReadOnlyList<long> Acked, IReadOnlyList<long> Stale);
