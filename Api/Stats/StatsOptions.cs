namespace Overseer.Api.Stats;

/// <summary>Settings of the overview counters (section <c>Stats</c>).</summary>
public sealed class StatsOptions
{
    /// <summary>How often counter deltas are folded into the totals.</summary>
    public TimeSpan CompactInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long per-minute numbers are kept.</summary>
    public TimeSpan KeepMinutes { get; set; } = TimeSpan.FromDays(1);
}
