namespace Overseer.Contracts.Queues;

/// <summary>The answer to <c>ack</c>.</summary>
/// <param name="Acked">Ids now done (an ack repeated with the same token counts as done).</param>
/// <param name="Stale">Ids rejected because the token no longer holds the item.</param>
public sealed record AckResponse(IReadOnlyList<long> Acked, IReadOnlyList<long> Stale);
