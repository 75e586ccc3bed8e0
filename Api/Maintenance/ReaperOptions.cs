namespace Overseer.Api.Maintenance;

/// <summary>Settings of the reaper (section <c>Reaper</c>).</summary>
public sealed class ReaperOptions
{
    /// <summary>How often the leader looks for lost attempts.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most attempts handled per round.</summary>
    public int BatchSize { get; set; } = 200;
}
