namespace Overseer.Api.Queues;

/// <summary>Who a runtime request comes from: the queue its credential is scoped to, and its pool (none for a standalone credential).</summary>
/// <param name="Queue">The only queue it may work on.</param>
/// <param name="PoolTaskId">The pool task whose attempt it belongs to.</param>
internal sealed record RuntimeCredential(string Queue, Guid? PoolTaskId);
