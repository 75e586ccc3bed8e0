namespace Overseer.Contracts.Queues;

/// <summary>A renewed lease.</summary>
/// <param name="Id">Item id.</param>
/// <param name="LeaseExpiresAt">Its new end.</param>
public sealed record ExtendedLease(long Id, DateTimeOffset LeaseExpiresAt);
