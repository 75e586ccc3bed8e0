using System.Diagnostics.Metrics;

namespace Overseer.Sidecar.Proxy;

/// <summary>Instruments of the proxy (meter <c>Overseer.Sidecar.Proxy</c>), plus live counts tests can read.</summary>
public sealed class ProxyMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Overseer.Sidecar.Proxy";

    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _bytes;
    private readonly Counter<long> _rejectedConnections;
    private long _openConnections;
    private long _openUpstreams;

    /// <summary>Creates the instruments.</summary>
    public ProxyMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _decisions = meter.CreateCounter<long>("overseer.proxy.decisions", description: "Requests and tunnels, by decision (allowed, denied) and kind (http, connect)");
        _duration = meter.CreateHistogram<double>("overseer.proxy.duration", "s", "Duration of proxied requests and tunnels");
        _bytes = meter.CreateCounter<long>("overseer.proxy.bytes", "By", "Bytes relayed, by direction (upstream, downstream)");
        _rejectedConnections = meter.CreateCounter<long>("overseer.proxy.connections.rejected", description: "Connections refused over the limit");
        meter.CreateObservableUpDownCounter("overseer.proxy.connections.open", () => Interlocked.Read(ref _openConnections), description: "Open client connections");
        meter.CreateObservableUpDownCounter("overseer.proxy.upstreams.open", () => Interlocked.Read(ref _openUpstreams), description: "Open upstream connections");
    }

    /// <summary>Client connections open now.</summary>
    public long OpenConnections => Interlocked.Read(ref _openConnections);

    /// <summary>Upstream connections open now (pooled ones included).</summary>
    public long OpenUpstreams => Interlocked.Read(ref _openUpstreams);

    /// <summary>Counts one decision with its outcome.</summary>
    public void Decision(bool allowed, string kind, long upstreamBytes, long downstreamBytes, double seconds)
    {
        var decision = new KeyValuePair<string, object?>("decision", allowed ? "allowed" : "denied");
        var kindTag = new KeyValuePair<string, object?>("kind", kind);
        _decisions.Add(1, decision, kindTag);
        if (allowed)
        {
            _duration.Record(seconds, kindTag);
            _bytes.Add(upstreamBytes, new KeyValuePair<string, object?>("direction", "upstream"));
            _bytes.Add(downstreamBytes, new KeyValuePair<string, object?>("direction", "downstream"));
        }
    }

    internal long ConnectionOpened() => Interlocked.Increment(ref _openConnections);

    internal void ConnectionClosed() => Interlocked.Decrement(ref _openConnections);

    internal void ConnectionRejected() => _rejectedConnections.Add(1);

    internal void UpstreamOpened() => Interlocked.Increment(ref _openUpstreams);

    internal void UpstreamClosed() => Interlocked.Decrement(ref _openUpstreams);
}
