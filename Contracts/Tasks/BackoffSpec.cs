namespace Overseer.Contracts.Tasks;

/// <summary>Exponential backoff between retries: initial * factor^(n-1), capped at max.</summary>
public sealed record BackoffSpec
{
    /// <summary>Delay before the first retry, in seconds (0..3600).</summary>
    public double InitialSeconds { get; set; } = 1;

    /// <summary>Growth factor per retry (1..10).</summary>
    public double Factor { get; set; } = 2;

    /// <summary>Largest delay, in seconds (at least <see cref="InitialSeconds"/>, at most 86400).</summary>
    public double MaxSeconds { get; set; } = 60;
}
