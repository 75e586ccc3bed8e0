using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Overseer.Sidecar.Proxy;

namespace Overseer.Sidecar.Tests.Infrastructure;

/// <summary>
/// The Sidecar hosted in-process on real Kestrel sockets, its proxy on an ephemeral 127.0.0.1 port, with a
/// <see cref="StubResolver"/> instead of DNS and a <see cref="SpyConnector"/> on the connect path.
/// </summary>
public sealed class SidecarApplication : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    /// <summary>Configures the sidecar with <paramref name="settings"/> on top of test defaults.</summary>
    public SidecarApplication(IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Proxy:Port"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Overseer"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
        UseKestrel(0);
    }

    /// <summary>The stub resolver.</summary>
    public StubResolver Resolver { get; } = new();

    /// <summary>The connect-path spy (set once started).</summary>
    public SpyConnector Connector { get; private set; } = null!;

    /// <summary>Log lines written, at every level the settings let through.</summary>
    public LogCollector Logs { get; } = new();

    /// <summary>The proxy's port.</summary>
    public int ProxyPort => Services.GetRequiredService<ProxyListener>().Port;

    /// <summary>The proxy's live counters.</summary>
    public ProxyMetrics Metrics => Services.GetRequiredService<ProxyMetrics>();

    /// <summary>Base address of the relay (Kestrel).</summary>
    public Uri RelayAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Starts the server.</summary>
    public SidecarApplication Start()
    {
        StartServer();
        return this;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IHostResolver>();
            services.AddSingleton<IHostResolver>(Resolver);
            services.RemoveAll<IUpstreamConnector>();
            services.AddSingleton<IUpstreamConnector>(sp =>
            {
                Connector = new SpyConnector(new SocketUpstreamConnector(sp.GetRequiredService<ProxyMetrics>()));
                return Connector;
            });
        });
    }
}
