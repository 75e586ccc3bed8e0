namespace Overseer.Contracts.Queues;

/// <summary>An item a runtime holds: its id and the lease token its claim returned. A stale token is rejected (fencing).</summary>
/// <param name="Id">Item id.</param>
/// <param name="LeaseToken">Token of the claim that holds it.</param>
public sealed record LeaseRef(long Id, Guid LeaseToken);
