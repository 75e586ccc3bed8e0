using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Overseer.Sidecar.Proxy;

/// <summary>
/// The egress proxy's own Kestrel server on 127.0.0.1:<c>Proxy:Port</c>, apart from the relay's (nothing of the
/// relay is reachable through it). Each connection first passes <see cref="ConnectionGate"/> (connection limit,
/// CONNECT tunnels); every other request is parsed by Kestrel and forwarded by <see cref="ForwardHandler"/>.
/// The port is bound during start, so a taken port fails start-up.
/// </summary>
public sealed class ProxyServer : IHostedService, IAsyncDisposable
{
    private readonly ProxyServices _services;
    private readonly ForwardHandler _forward;
    private readonly ILoggerFactory _loggers;
    private WebApplication? _app;

    internal ProxyServer(ProxyServices services, ForwardHandler forward, ILoggerFactory loggers)
    {
        _services = services;
        _forward = forward;
        _loggers = loggers;
    }

    /// <summary>The port listened on (known once started).</summary>
    public int Port { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = _services.Options;
        if (!options.Enabled)
        {
            return;
        }
        // A bare LF ends no line here: a proxy must not read a head differently from the servers behind it.
        AppContext.SetSwitch("Microsoft.AspNetCore.Server.Kestrel.DisableHttp1LineFeedTerminators", true);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(_loggers);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => Configure(k, options));
        var app = builder.Build();
        app.Run(_forward.HandleAsync);
        await app.StartAsync(cancellationToken);
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
        ProxyLog.Listening(_services.Logger, Port);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private void Configure(KestrelServerOptions kestrel, ProxyOptions options)
    {
        kestrel.AddServerHeader = false;
        var limits = kestrel.Limits;
        limits.MaxRequestBodySize = null;
        limits.MaxRequestHeadersTotalSize = options.MaxHeaderBytes;
        limits.MaxRequestLineSize = options.MaxHeaderBytes;
        limits.KeepAliveTimeout = options.IdleTimeout;
        limits.RequestHeadersTimeout = options.RequestHeadersTimeout;
        // Slow clients are bounded by the idle timeout, as a tunnel is; no minimum data rate.
        limits.MinRequestBodyDataRate = null;
        limits.MinResponseDataRate = null;
        var gate = new ConnectionGate(_services);
        kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.Use(next => connection => gate.OnConnectionAsync(connection, next));
        });
    }
}
