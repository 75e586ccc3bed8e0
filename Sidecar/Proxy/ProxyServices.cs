using Microsoft.Extensions.Options;

namespace Overseer.Sidecar.Proxy;

/// <summary>What every proxy connection uses.</summary>
internal sealed class ProxyServices(
    EgressPolicy policy, HttpForwarder forwarder, IUpstreamConnector connector, ProxyMetrics metrics, IOptionsMonitor<ProxyOptions> options,
    TimeProvider time, ILogger<ProxyListener> logger)
{
    public EgressPolicy Policy => policy;

    public HttpForwarder Forwarder => forwarder;

    public IUpstreamConnector Connector => connector;

    public ProxyMetrics Metrics => metrics;

    public ProxyOptions Options => options.CurrentValue;

    public TimeProvider Time => time;

    public ILogger Logger => logger;
}
