namespace Overseer.Api.Queues;

/// <summary>What deleting a queue did.</summary>
/// <param name="Found">False when there was no such queue.</param>
/// <param name="Deleted">True when it is gone (with its items and credentials).</param>
/// <param name="Claimed">Items claimed at the time (a delete without force is refused while there are any).</param>
/// <param name="PoolTaskId">Its active pool, which the caller cancels.</param>
internal sealed record DeleteOutcome(bool Found, bool Deleted, long Claimed, Guid? PoolTaskId);
