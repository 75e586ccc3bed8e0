using Overseer.Contracts.Tasks;

namespace Overseer.Dashboard.Timeline;

/// <summary>Turns a task's recorded transitions into segments on one time axis.</summary>
public static class TimelineBuilder
{
    /// <summary>
    /// One segment per transition, in order. The current state of an unfinished task runs until <paramref name="now"/>;
    /// a terminal state is a point at its time.
    /// </summary>
    public static IReadOnlyList<TimelineSegment> Build(IReadOnlyList<TransitionDto> transitions, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        var ordered = transitions.OrderBy(t => t.Id).ToList();
        if (ordered.Count == 0)
        {
            return [];
        }
        var first = ordered[0].At;
        var ends = ordered.Select((t, i) => i + 1 < ordered.Count ? ordered[i + 1].At : t.To.IsTerminal() ? t.At : Max(now, t.At)).ToList();
        var total = Math.Max((ends[^1] - first).Ticks, 1);
        return [.. ordered.Select((t, i) => new TimelineSegment(t.To, t.Attempt, t.At, ends[i],
            (double)(t.At - first).Ticks / total, (double)(ends[i] - t.At).Ticks / total))];
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
