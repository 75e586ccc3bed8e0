using Overseer.Contracts.Tasks;

namespace Overseer.Dashboard.Timeline;

/// <summary>The time a task spent in one state.</summary>
/// <param name="State">The state.</param>
/// <param name="Attempt">Attempt the state belonged to.</param>
/// <param name="From">When it was entered.</param>
/// <param name="To">When it was left (the end of the timeline for the current state; equal to From for a terminal state).</param>
/// <param name="Start">Left edge as a fraction (0..1) of the whole timeline.</param>
/// <param name="Width">Width as a fraction of the whole timeline.</param>
public sealed record TimelineSegment(TaskState State, int Attempt, DateTimeOffset From, DateTimeOffset To, double Start, double Width)
{
    /// <summary>Time spent in the state.</summary>
    public TimeSpan Duration => To - From;
}
