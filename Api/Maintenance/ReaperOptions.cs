namespace Overseer.Api.Maintenance;

/// <summary>Settings of the reaper (section <c>Reaper</c>).</summary>
public sealed class ReaperOptions
{
    /// <summary>How often the leader looks for lost attempts.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most attempts handled per round.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// How long the reaper holds off after it saw the database fail or stall, or took a fresh leader term: heartbeats
    /// could not land meanwhile, so an expired deadline says nothing until executors had this long to renew. Null (the
    /// Api's default) means the executor's <c>HeartbeatTimeout</c>; zero never holds off.
    /// </summary>
    public TimeSpan? OutageGrace { get; set; }
}
