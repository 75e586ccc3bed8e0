namespace Overseer.Contracts.Queues;

/// <summary>Body of <c>POST /internal/v1/queues/{name}/nack</c>.</summary>
public sealed record NackRequest
{
    /// <summary>1..1000 items.</summary>
    public IReadOnlyList<NackItem> Items { get; set; } = [];
}
