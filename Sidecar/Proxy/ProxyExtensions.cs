using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Overseer.Sidecar.Proxy;

/// <summary>Registers the egress proxy.</summary>
public static class ProxyExtensions
{
    /// <summary>Adds the proxy (section <c>Proxy</c>). Tests may register their own <see cref="IHostResolver"/> or <see cref="IUpstreamConnector"/> first.</summary>
    public static IHostApplicationBuilder AddProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().Bind(builder.Configuration.GetSection("Proxy"))
            .Validate(o => o.Port is >= 0 and <= 65535, "Proxy:Port must be between 0 and 65535")
            .Validate(o => o.MaxConnections >= 1, "Proxy:MaxConnections must be at least 1")
            .Validate(o => o.MaxHeaderBytes is >= 1024 and <= 1024 * 1024, "Proxy:MaxHeaderBytes must be between 1 KiB and 1 MiB")
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.ConnectTimeout > TimeSpan.Zero && o.RequestHeadersTimeout > TimeSpan.Zero,
                "Proxy timeouts must be positive")
            .ValidateOnStart();
        builder.Services.AddMetrics();
        // YARP logs each forwarded URL at Information: paths and queries can carry credentials, so only its warnings.
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);
        builder.Services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        builder.Services.TryAddSingleton<IUpstreamConnector>(sp => new SocketUpstreamConnector(sp.GetRequiredService<ProxyMetrics>()));
        builder.Services.AddSingleton<ProxyMetrics>();
        builder.Services.AddSingleton<ProxyRules>();
        builder.Services.AddSingleton<EgressPolicy>();
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton<ProxyServices>();
        builder.Services.AddSingleton<ForwardHandler>();
        builder.Services.AddSingleton(sp => new ProxyServer(sp.GetRequiredService<ProxyServices>(), sp.GetRequiredService<ForwardHandler>(),
            sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ProxyServer>());
        builder.Services.AddHostedService<RulesFileWatcher>();
        return builder;
    }
}
