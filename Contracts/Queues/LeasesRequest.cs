namespace Overseer.Contracts.Queues;

/// <summary>Body of <c>extend</c>, <c>ack</c> and <c>release</c>: the items, each with its lease token.</summary>
public sealed record LeasesRequest
{
    /// <summary>1..1000 items.</summary>
    public IReadOnlyList<LeaseRef> Items { get; set; } = [];
}
