using System.Globalization;
using Overseer.Contracts.Stats;

namespace Overseer.Dashboard.Charts;

/// <summary>The last hour as stacked bars of finished tasks per minute (succeeded, failed, other) with a line of submissions.</summary>
public sealed class ThroughputChartModel
{
    /// <summary>Chart width in SVG units.</summary>
    public const double Width = 720;

    /// <summary>Chart height in SVG units.</summary>
    public const double Height = 180;

    /// <summary>Room at the bottom for the time axis.</summary>
    public const double Axis = 20;

    private ThroughputChartModel(IReadOnlyList<ThroughputBar> bars, long max, double barWidth, string submittedLine, long finished, long failed, long submitted)
    {
        Bars = bars;
        Max = max;
        BarWidth = barWidth;
        SubmittedLine = submittedLine;
        Finished = finished;
        Failed = failed;
        Submitted = submitted;
    }

    /// <summary>Bars, oldest minute first.</summary>
    public IReadOnlyList<ThroughputBar> Bars { get; }

    /// <summary>The value at the top of the chart.</summary>
    public long Max { get; }

    /// <summary>Width of one bar.</summary>
    public double BarWidth { get; }

    /// <summary>SVG points of the submissions line.</summary>
    public string SubmittedLine { get; }

    /// <summary>Tasks finished in the hour.</summary>
    public long Finished { get; }

    /// <summary>Tasks failed, timed out or lost in the hour.</summary>
    public long Failed { get; }

    /// <summary>Tasks submitted in the hour.</summary>
    public long Submitted { get; }

    /// <summary>Scales the minutes into bars.</summary>
    public static ThroughputChartModel Build(IReadOnlyList<MinuteStatsDto> minutes)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        var plot = Height - Axis;
        var max = Math.Max(1, minutes.Select(m => Math.Max(Total(m), m.Submitted)).DefaultIfEmpty(0).Max());
        var slot = Width / Math.Max(1, minutes.Count);
        double Scale(long n) => plot * n / max;
        var bars = minutes.Select((m, i) =>
        {
            var ok = Scale(m.Succeeded);
            var bad = Scale(Failures(m));
            var other = Scale(m.Cancelled + m.Skipped);
            return new ThroughputBar(m.Minute, i * slot + 1, plot - ok, ok, plot - ok - bad, bad, plot - ok - bad - other, other, plot - Scale(m.Submitted));
        }).ToList();
        var line = string.Join(' ', bars.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.X + slot / 2 - 1:0.#},{b.SubmittedY:0.#}")));
        return new ThroughputChartModel(bars, max, Math.Max(1, slot - 2), line, minutes.Sum(Total), minutes.Sum(Failures), minutes.Sum(m => m.Submitted));
    }

    private static long Failures(MinuteStatsDto m) => m.Failed + m.TimedOut + m.Lost;

    private static long Total(MinuteStatsDto m) => m.Succeeded + Failures(m) + m.Cancelled + m.Skipped;
}
