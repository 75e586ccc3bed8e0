using Microsoft.Extensions.Options;

namespace Overseer.Sidecar.Proxy;

/// <summary>What the proxy's connection gate, tunnels and forwarder use.</summary>
internal sealed class ProxyServices(
    EgressPolicy policy, IUpstreamConnector connector, ProxyMetrics metrics, IOptionsMonitor<ProxyOptions> options,
    TimeProvider time, ILogger<ProxyServer> logger)
{
    public EgressPolicy Policy => policy;

    public IUpstreamConnector Connector => connector;

    public ProxyMetrics Metrics => metrics;

    public ProxyOptions Options => options.CurrentValue;

    public TimeProvider Time => time;

    public ILogger Logger => logger;
}
