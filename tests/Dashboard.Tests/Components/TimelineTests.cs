using System.Globalization;
using Overseer.Contracts.Tasks;
using Overseer.Dashboard.Components.Shared;
using Overseer.Dashboard.Timeline;

namespace Overseer.Dashboard.Tests.Components;

public sealed class TimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    private static readonly TransitionDto[] Finished =
    [
        new(1, null, TaskState.Queued, 0, T0, "api", "submitted", null),
        new(2, TaskState.Queued, TaskState.Dispatching, 1, T0.AddSeconds(2), "dispatcher", "claimed by vm/1", 7),
        new(3, TaskState.Dispatching, TaskState.Running, 1, T0.AddSeconds(3), "executor", "started", null),
        new(4, TaskState.Running, TaskState.Failed, 1, T0.AddSeconds(10), "executor", "exited with code 3 <oops>", null),
    ];

    [Fact]
    public void Segments_follow_the_transitions_and_share_the_axis_in_proportion_to_their_time()
    {
        var segments = TimelineBuilder.Build(Finished.Reverse().ToList(), T0.AddHours(1));

        Assert.Equal([TaskState.Queued, TaskState.Dispatching, TaskState.Running, TaskState.Failed], segments.Select(s => s.State));
        Assert.Equal([0.2, 0.1, 0.7, 0.0], segments.Select(s => Math.Round(s.Width, 3)));
        Assert.Equal([0.0, 0.2, 0.3, 1.0], segments.Select(s => Math.Round(s.Start, 3)));
    }

    [Fact]
    public void The_state_of_an_unfinished_task_lasts_until_now()
    {
        var segments = TimelineBuilder.Build(Finished[..3], T0.AddSeconds(13));

        Assert.Equal(TimeSpan.FromSeconds(10), segments[^1].Duration);
        Assert.Equal(1.0, segments[^1].Start + segments[^1].Width, 6);
    }

    [Fact]
    public async Task Rendered_timeline_draws_a_bar_per_state_and_lists_each_change_with_its_actor_and_reason_as_text()
    {
        var document = await Render.ComponentAsync<TaskTimeline>(("Transitions", (IReadOnlyList<TransitionDto>)Finished), ("Now", T0.AddHours(1)));

        var bars = document.QuerySelectorAll("rect.timeline-bar").ToList();
        var items = document.QuerySelectorAll("li.timeline-item").ToList();

        Assert.Equal(["Queued", "Dispatching", "Running", "Failed"], bars.Select(b => b.GetAttribute("data-state")));
        Assert.Equal(["200", "100", "700", "4"], bars.Select(b => b.GetAttribute("width")));
        Assert.Contains("state-Running", bars[2].ClassList);
        Assert.Equal(4, items.Count);
        Assert.Contains("dispatcher (term 7)", items[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("exited with code 3 <oops>", items[3].TextContent, StringComparison.Ordinal);
        Assert.Contains("7 s", items[2].TextContent, StringComparison.Ordinal);
        Assert.Equal(T0.AddSeconds(10).UtcDateTime.ToString("O", CultureInfo.InvariantCulture), items[3].QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Contains("Running 7 s", document.QuerySelector("svg")!.GetAttribute("aria-label")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_without_transitions_renders_an_empty_timeline()
    {
        var document = await Render.ComponentAsync<TaskTimeline>(("Transitions", (IReadOnlyList<TransitionDto>)[]), ("Now", T0));

        Assert.Empty(document.QuerySelectorAll("rect"));
        Assert.Empty(document.QuerySelectorAll("li"));
    }
}
