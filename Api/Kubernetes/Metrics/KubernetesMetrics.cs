using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Overseer.Api.Kubernetes.Metrics;

/// <summary>
/// Counts every request the client sends (retries included) by Kubernetes verb and resource (meter <c>Overseer.Kubernetes</c>),
/// so "API calls per task" can be measured; <see cref="Count"/> and <see cref="Snapshot"/> read the same numbers in-process.
/// </summary>
public sealed class KubernetesMetrics : IDisposable
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Overseer.Kubernetes";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _retries;
    private readonly Histogram<double> _throttled;
    private readonly Counter<long> _watchEvents;
    private readonly ConcurrentDictionary<(string Verb, string Resource), long> _counts = new();

    /// <summary>Creates the instruments, on a meter from <paramref name="meterFactory"/> when given (as DI does).</summary>
    public KubernetesMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _requests = _meter.CreateCounter<long>("overseer.kubernetes.requests", description: "API requests sent, by verb, resource and status code");
        _duration = _meter.CreateHistogram<double>("overseer.kubernetes.request.duration", "s", "Time until the response headers");
        _retries = _meter.CreateCounter<long>("overseer.kubernetes.retries", description: "Requests sent again after a retryable failure");
        _throttled = _meter.CreateHistogram<double>("overseer.kubernetes.ratelimiter.wait", "s", "Time requests waited for the client-side rate limiter");
        _watchEvents = _meter.CreateCounter<long>("overseer.kubernetes.watch.events", description: "Watch events received, by resource and type");
    }

    /// <summary>Counts one sent request; <paramref name="code"/> is the HTTP status, or 0 when no answer came.</summary>
    public void Request(string verb, string resource, int code, TimeSpan duration)
    {
        _counts.AddOrUpdate((verb, resource), 1, (_, n) => n + 1);
        var tags = new TagList { { "verb", verb }, { "resource", resource }, { "code", code } };
        _requests.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Counts a retry.</summary>
    public void Retry(string verb, string resource) =>
        _retries.Add(1, new TagList { { "verb", verb }, { "resource", resource } });

    /// <summary>Records a wait for the rate limiter.</summary>
    public void Throttled(TimeSpan wait) => _throttled.Record(wait.TotalSeconds);

    /// <summary>Counts a received watch event.</summary>
    public void WatchEvent(string resource, string type) =>
        _watchEvents.Add(1, new TagList { { "resource", resource }, { "type", type } });

    /// <summary>Requests sent so far with this verb and resource.</summary>
    public long Count(string verb, string resource) => _counts.TryGetValue((verb, resource), out var n) ? n : 0;

    /// <summary>All requests sent so far.</summary>
    public long Total => _counts.Values.Sum();

    /// <summary>Requests sent so far by verb and resource.</summary>
    public IReadOnlyDictionary<(string Verb, string Resource), long> Snapshot() => new Dictionary<(string, string), long>(_counts);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
