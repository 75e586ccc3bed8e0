using System.Diagnostics.Metrics;

namespace Overseer.Api.Results;

/// <summary>Counters of the result relay (meter <c>Overseer.Results</c>).</summary>
public sealed class ResultsMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Overseer.Results";

    private readonly Counter<long> _recorded;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _fenced;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _enrollments;

    /// <summary>Creates the instruments.</summary>
    public ResultsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _recorded = meter.CreateCounter<long>("overseer.results.recorded", description: "Results recorded (first delivery)");
        _duplicates = meter.CreateCounter<long>("overseer.results.duplicates", description: "Repeated deliveries answered idempotently");
        _fenced = meter.CreateCounter<long>("overseer.results.fenced",
            description: "Results, heartbeats and enrollments refused because their attempt is no longer the task's latest");
        _rejected = meter.CreateCounter<long>("overseer.results.rejected", description: "Signed requests refused, by reason");
        _enrollments = meter.CreateCounter<long>("overseer.results.enrollments", description: "Enrollment exchanges, by outcome");
    }

    internal void Recorded() => _recorded.Add(1);

    internal void Duplicate() => _duplicates.Add(1);

    internal void Fenced(string kind) => _fenced.Add(1, new KeyValuePair<string, object?>("kind", kind));

    internal void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal void Enrollment(string outcome) => _enrollments.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
