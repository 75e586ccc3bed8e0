namespace Overseer.Api.Leadership;

/// <summary>Leader election timings (section <c>Leadership</c>); the defaults are client-go's.</summary>
public sealed class LeadershipOptions
{
    /// <summary>Name of the lease row.</summary>
    public string LeaseName { get; set; } = "overseer";

    /// <summary>How long a lease lasts without renewal; others may take it after that.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A leader that has not renewed for this long steps down (before its lease expires).</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the leader renews and others try to acquire.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);
}
