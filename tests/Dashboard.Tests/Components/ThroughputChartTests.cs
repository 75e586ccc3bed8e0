using Overseer.Contracts.Stats;
using Overseer.Dashboard.Charts;
using Overseer.Dashboard.Components.Shared;

namespace Overseer.Dashboard.Tests.Components;

public sealed class ThroughputChartTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 31, 11, 0, 0, TimeSpan.Zero);

    private static List<MinuteStatsDto> Hour() =>
        [.. Enumerable.Range(0, 60).Select(i => new MinuteStatsDto(Start.AddMinutes(i), i == 59 ? 12 : 0, i == 59 ? 6 : i == 30 ? 3 : 0, i == 59 ? 2 : 0, 0, 1 * (i == 59 ? 1 : 0), 0, 0))];

    [Fact]
    public void Bars_stack_succeeded_failed_and_other_and_scale_to_the_busiest_minute()
    {
        var chart = ThroughputChartModel.Build(Hour());
        var plot = ThroughputChartModel.Height - ThroughputChartModel.Axis;
        var last = chart.Bars[^1];

        Assert.Equal(12, chart.Max);
        Assert.Equal((12L, 3L + 6 + 3, 3L), (chart.Submitted, chart.Finished, chart.Failed));
        Assert.Equal(plot * 6 / 12, last.SucceededHeight, 6);
        Assert.Equal(plot * 3 / 12, last.FailedHeight, 6);
        Assert.Equal(last.SucceededY, last.FailedY + last.FailedHeight, 6);
        Assert.Equal(0, last.SubmittedY, 6);
        Assert.Equal(plot * 3 / 12, chart.Bars[30].SucceededHeight, 6);
    }

    [Fact]
    public async Task Rendered_chart_has_sixty_minutes_and_says_what_it_shows()
    {
        var document = await Render.ComponentAsync<ThroughputChart>(("Minutes", (IReadOnlyList<MinuteStatsDto>)Hour()));

        Assert.Equal(60, document.QuerySelectorAll("g[data-minute]").Length);
        Assert.Equal("11:59", document.QuerySelectorAll("g[data-minute]")[^1].GetAttribute("data-minute"));
        Assert.Contains("12 finished (3 failed, timed out or lost) and 12 submitted", document.QuerySelector("desc")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("img", document.QuerySelector("svg")!.GetAttribute("role"));
        Assert.NotNull(document.QuerySelector("polyline.chart-submitted"));
    }
}
