using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Overseer.Sidecar.Proxy;

/// <summary>
/// Listens on 127.0.0.1:<c>Proxy:Port</c> (bound during start, so a taken port fails start-up) and runs one
/// <see cref="ProxyConnection"/> per client, up to <c>Proxy:MaxConnections</c>; connections over the limit get a 503.
/// </summary>
public sealed class ProxyListener : BackgroundService
{
    private readonly ProxyServices _services;
    private readonly IOptions<ProxyOptions> _options;
    private readonly ILogger<ProxyListener> _logger;
    private readonly List<Task> _connections = [];
    private readonly Lock _lock = new();
    private Socket? _socket;

    internal ProxyListener(ProxyServices services, IOptions<ProxyOptions> options, ILogger<ProxyListener> logger)
    {
        _services = services;
        _options = options;
        _logger = logger;
    }

    /// <summary>The port listened on (known once started).</summary>
    public int Port { get; private set; }

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Value.Enabled)
        {
            return Task.CompletedTask;
        }
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, _options.Value.Port));
            socket.Listen(512);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _socket = socket;
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        ProxyLog.Listening(_logger, Port);
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _socket?.Dispose();
        await base.StopAsync(cancellationToken);
        Task[] open;
        lock (_lock)
        {
            open = [.. _connections];
        }
        await Task.WhenAll(open).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var socket = _socket!;
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await socket.AcceptAsync(stoppingToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            client.NoDelay = true;
            if (_services.Metrics.ConnectionOpened() > _options.Value.MaxConnections)
            {
                _services.Metrics.ConnectionClosed();
                _services.Metrics.ConnectionRejected();
                ProxyLog.ConnectionLimit(_logger, _options.Value.MaxConnections);
                _ = RefuseAsync(client);
                continue;
            }
            var task = RunAsync(client, stoppingToken);
            lock (_lock)
            {
                _connections.Add(task);
            }
            _ = task.ContinueWith(t =>
            {
                lock (_lock)
                {
                    _connections.Remove(t);
                }
            }, TaskScheduler.Default);
        }
    }

    private async Task RunAsync(Socket client, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await new ProxyConnection(client, _services).RunAsync(stoppingToken);
        }
        finally
        {
            _services.Metrics.ConnectionClosed();
        }
    }

    private static async Task RefuseAsync(Socket client)
    {
        using (client)
        {
            try
            {
                await using var stream = new NetworkStream(client, ownsSocket: false);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await ProxyResponses.WriteAsync(stream, 503, ProxyResponses.Denied("too many connections"), close: true, timeout.Token);
                client.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The client went away first.
            }
        }
    }
}
