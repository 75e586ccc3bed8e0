namespace Overseer.Dashboard.Charts;

/// <summary>One minute of the throughput chart, in SVG units (y grows downwards).</summary>
/// <param name="Minute">Start of the minute.</param>
/// <param name="X">Left edge of the bar.</param>
/// <param name="SucceededY">Top of the green part.</param>
/// <param name="SucceededHeight">Height of the green part.</param>
/// <param name="FailedY">Top of the red part (failed, timed out, lost).</param>
/// <param name="FailedHeight">Height of the red part.</param>
/// <param name="OtherY">Top of the grey part (cancelled, skipped).</param>
/// <param name="OtherHeight">Height of the grey part.</param>
/// <param name="SubmittedY">Height of the submitted line at this minute.</param>
public sealed record ThroughputBar(DateTimeOffset Minute, double X, double SucceededY, double SucceededHeight, double FailedY, double FailedHeight,
    double OtherY, double OtherHeight, double SubmittedY);
