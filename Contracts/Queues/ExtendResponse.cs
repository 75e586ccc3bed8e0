namespace Overseer.Contracts.Queues;

/// <summary>The answer to <c>extend</c>.</summary>
/// <param name="Extended">Leases renewed, with their new end.</param>
/// <param name="Lost">Ids whose lease was lost (expired and reclaimed, or finished): stop working on them.</param>
public sealed record ExtendResponse(IReadOnlyList<ExtendedLease> Extended, IReadOnlyList<long> Lost);
