namespace Overseer.Contracts.Queues;

/// <summary>An item whose attempt failed.</summary>
public sealed record NackItem
{
    /// <summary>Item id.</summary>
    public long Id { get; set; }

    /// <summary>Token of the claim that holds it.</summary>
    public Guid LeaseToken { get; set; }

    /// <summary>Seconds before it may be claimed again (0..86400); 0 when omitted.</summary>
    public double? RetryInSeconds { get; set; }

    /// <summary>What went wrong (kept as the item's last error; at most 4096 characters).</summary>
    public string? Error { get; set; }
}
