namespace Overseer.Contracts.Queues;

/// <summary>Body of <c>POST /internal/v1/queues/{name}/claim</c>.</summary>
public sealed record ClaimRequest
{
    /// <summary>Most items to claim, 0..1000 (0 only acks); 1 when omitted.</summary>
    public int? Max { get; set; }

    /// <summary>Items to ack in the same round trip and transaction, before claiming (optional).</summary>
    public IReadOnlyList<LeaseRef>? Ack { get; set; }
}
