using System.Diagnostics.Metrics;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Execution;

/// <summary>Counters of the executors (meter <c>Overseer.Execution</c>).</summary>
public sealed class ExecutionMetrics : IDisposable
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Overseer.Execution";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _started;
    private readonly Counter<long> _finished;
    private readonly Counter<long> _stale;

    /// <summary>Creates the instruments.</summary>
    public ExecutionMetrics()
    {
        _started = _meter.CreateCounter<long>("overseer.attempts.started");
        _finished = _meter.CreateCounter<long>("overseer.attempts.finished");
        _stale = _meter.CreateCounter<long>("overseer.results.stale", description: "Outcomes rejected because the attempt was no longer live");
    }

    /// <summary>Stale outcomes rejected so far.</summary>
    public long StaleResults => Interlocked.Read(ref _staleCount);

    private long _staleCount;

    /// <summary>Counts a started attempt.</summary>
    public void AttemptStarted() => _started.Add(1);

    /// <summary>Counts an ended attempt by outcome.</summary>
    public void AttemptFinished(AttemptState state) => _finished.Add(1, new KeyValuePair<string, object?>("state", state.ToString()));

    /// <summary>Counts a rejected stale outcome.</summary>
    public void StaleResult()
    {
        Interlocked.Increment(ref _staleCount);
        _stale.Add(1);
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
