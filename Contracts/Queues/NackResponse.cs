namespace Overseer.Contracts.Queues;

/// <summary>The answer to <c>nack</c>.</summary>
/// <param name="Retried">Ids made available again after their delay.</param>
/// <param name="Dead">Ids whose attempts are used up: now <c>dead</c>, keeping the error.</param>
/// <param name="Stale">Ids rejected because the token no longer holds the item.</param>
public sealed record NackResponse(IReadOnlyList<long> Retried, IReadOnlyList<long> Dead, IReadOnlyList<long> Stale);
