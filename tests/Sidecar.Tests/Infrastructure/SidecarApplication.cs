using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Overseer.Sidecar.Proxy;

namespace Overseer.Sidecar.Tests.Infrastructure;

/// <summary>
/// The Sidecar built exactly as its Program builds it, hosted in-process on real Kestrel sockets, its proxy on an
/// ephemeral 127.0.0.1 port, with a <see cref="StubResolver"/> instead of DNS and a <see cref="SpyConnector"/> on
/// the connect path.
/// </summary>
public sealed class SidecarApplication : IAsyncDisposable
{
    private readonly WebApplication _app;

    /// <summary>Builds and starts a sidecar with <paramref name="settings"/> on top of test defaults.</summary>
    public SidecarApplication(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Proxy:Port"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Overseer"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var args = all.Select(p => string.Create(CultureInfo.InvariantCulture, $"--{p.Key}={p.Value}")).ToArray();
        _app = SidecarApp.Build(args, builder =>
        {
            builder.Logging.AddProvider(Logs);
            builder.Services.RemoveAll<IHostResolver>();
            builder.Services.AddSingleton<IHostResolver>(Resolver);
            builder.Services.RemoveAll<IUpstreamConnector>();
            builder.Services.AddSingleton<IUpstreamConnector>(sp =>
                Connector = new SpyConnector(new SocketUpstreamConnector(sp.GetRequiredService<ProxyMetrics>())));
        });
        _app.StartAsync().GetAwaiter().GetResult();
        // Created eagerly so tests can read it before the first connection.
        _ = _app.Services.GetRequiredService<IUpstreamConnector>();
    }

    /// <summary>The stub resolver.</summary>
    public StubResolver Resolver { get; } = new();

    /// <summary>The connect-path spy.</summary>
    public SpyConnector Connector { get; private set; } = null!;

    /// <summary>Log lines written, at every level the settings let through.</summary>
    public LogCollector Logs { get; } = new();

    /// <summary>The app's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The proxy's port.</summary>
    public int ProxyPort => Services.GetRequiredService<ProxyServer>().Port;

    /// <summary>The proxy's live counters.</summary>
    public ProxyMetrics Metrics => Services.GetRequiredService<ProxyMetrics>();

    /// <summary>Base address of the relay (Kestrel).</summary>
    public Uri RelayAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Kept for call sites written as <c>new SidecarApplication(...).Start()</c>.</summary>
    public SidecarApplication Start() => this;

    /// <summary>Stops the app as SIGTERM would (running the relay's drain).</summary>
    public async Task StopAsync() => await _app.StopAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
