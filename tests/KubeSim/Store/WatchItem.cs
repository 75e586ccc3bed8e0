namespace Overseer.KubeSim.Store;

/// <summary>What a watch stream sends next: an event, or its end (after a 410 ERROR event when <see cref="Gone"/>; by dropping the connection when <see cref="Abort"/>).</summary>
public sealed record WatchItem(string? Type, StoredObject? Object, bool End = false, bool Gone = false, bool Abort = false)
{
    /// <summary>The revision a BOOKMARK carries.</summary>
    public long Revision { get; init; }

    /// <summary>When the change was queued (<see cref="System.Diagnostics.Stopwatch"/> ticks), for the watch-lag fault.</summary>
    public long QueuedAt { get; init; } = System.Diagnostics.Stopwatch.GetTimestamp();
}
