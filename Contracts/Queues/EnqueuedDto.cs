namespace Overseer.Contracts.Queues;

/// <summary>The answer to an enqueue (202 Accepted).</summary>
/// <param name="Ids">The id of each item, in the order sent.</param>
/// <param name="Deduplicated">Positions (0-based) whose dedup key matched a live item: their id is that item's.</param>
public sealed record EnqueuedDto(IReadOnlyList<long> Ids, IReadOnlyList<int> Deduplicated);
