namespace Overseer.Contracts.Queues;

/// <summary>The answer to <c>release</c>.</summary>
/// <param name="Released">Ids given back unchanged: available at once, and the attempt is not counted.</param>
/// <param name="Stale">Ids rejected because the token no longer holds the item.</param>
public sealed record ReleaseResponse(IReadOnlyList<long> Released, IReadOnlyList<long> Stale);
