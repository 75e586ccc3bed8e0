using Overseer.Contracts.Queues;

namespace Overseer.Api.Queues;

/// <summary>What a claim (with its piggybacked acks) did.</summary>
/// <param name="Items">Claimed items, best first.</param>
/// <param name="LeaseSeconds">Lease length of the queue.</param>
/// <param name="Acked">Acked ids.</param>
/// <param name="Stale">Ids whose ack was rejected.</param>
internal sealed record ClaimResult(IReadOnlyList<ClaimedItem> Items, int LeaseSeconds, IReadOnlyList<long> Acked, IReadOnlyList<long> Stale);
