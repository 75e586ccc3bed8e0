using System.Net;
using System.Net.Sockets;

namespace Overseer.Api.Tests.Results;

/// <summary>A loopback TCP relay that can be taken down (nothing listens, open connections are cut) and brought back.</summary>
public sealed class TcpForwarder(int port, int target) : IAsyncDisposable
{
    private readonly List<Socket> _open = [];
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;

    /// <summary>The port it listens on when up.</summary>
    public int Port => port;

    /// <summary>Starts listening and forwarding.</summary>
    public void Up()
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _accepting = AcceptAsync(listener);
    }

    /// <summary>Stops listening and cuts every forwarded connection.</summary>
    public async Task DownAsync()
    {
        _listener?.Stop();
        _listener = null;
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        lock (_open)
        {
            foreach (var socket in _open)
            {
                socket.Dispose();
            }
            _open.Clear();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await DownAsync();

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, target);
            }
            catch (SocketException)
            {
                client.Dispose();
                upstream.Dispose();
                continue;
            }
            lock (_open)
            {
                _open.Add(client);
                _open.Add(upstream);
            }
            _ = PumpAsync(client, upstream);
            _ = PumpAsync(upstream, client);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16384];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read));
            }
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Cut by DownAsync or by a peer.
        }
    }
}
