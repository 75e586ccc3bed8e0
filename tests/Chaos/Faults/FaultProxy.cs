using System.Net;
using System.Net.Sockets;

namespace Overseer.Chaos.Faults;

/// <summary>
/// A loopback TCP proxy whose behaviour (<see cref="ProxyMode"/>) is switched at runtime, for putting faults between
/// the Api and PostgreSQL. Blackhole holds bytes back (like a partition: nothing is lost, nothing arrives) until the
/// mode changes; reset cuts every connection with RST.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly List<Link> _links = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _accepting = Task.CompletedTask;

    /// <summary>A proxy to 127.0.0.1:<paramref name="targetPort"/>; call <see cref="Start"/>.</summary>
    public FaultProxy(int targetPort) => _target = targetPort;

    /// <summary>The port it listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The current mode.</summary>
    public ProxyMode Mode { get; private set; } = ProxyMode.Pass;

    /// <summary>Delay per forwarded chunk in <see cref="ProxyMode.Latency"/>.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a close is held back in <see cref="ProxyMode.SlowClose"/>.</summary>
    public TimeSpan CloseDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Connections accepted so far.</summary>
    public int Accepted { get; private set; }

    /// <summary>Starts accepting.</summary>
    public FaultProxy Start()
    {
        _listener.Start();
        _accepting = AcceptAsync();
        return this;
    }

    /// <summary>Switches the mode; <see cref="ProxyMode.Reset"/> also resets every open connection at once.</summary>
    public void SetMode(ProxyMode mode)
    {
        List<Link> open;
        TaskCompletionSource changed;
        lock (_gate)
        {
            Mode = mode;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open = mode == ProxyMode.Reset ? [.. _links] : [];
        }
        changed.TrySetResult();
        foreach (var link in open)
        {
            link.Reset();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        List<Link> open;
        lock (_gate)
        {
            open = [.. _links];
        }
        foreach (var link in open)
        {
            link.Reset();
        }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
            Accepted++;
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        client.NoDelay = true;
        if (Mode == ProxyMode.Reset)
        {
            new Link(client, null).Reset();
            return;
        }
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            new Link(client, upstream).Reset();
            return;
        }
        var link = new Link(client, upstream);
        lock (_gate)
        {
            _links.Add(link);
        }
        try
        {
            await Task.WhenAll(PumpAsync(client, upstream, link), PumpAsync(upstream, client, link));
        }
        finally
        {
            lock (_gate)
            {
                _links.Remove(link);
            }
            link.Close();
        }
    }

    private async Task PumpAsync(Socket from, Socket to, Link link)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    if (Mode == ProxyMode.SlowClose)
                    {
                        await Task.Delay(CloseDelay, _stop.Token);
                    }
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }
                await HoldWhileBlackholedAsync();
                if (Mode == ProxyMode.Latency)
                {
                    await Task.Delay(Latency, _stop.Token);
                }
                if (link.IsReset)
                {
                    return;
                }
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            link.Reset();
        }
    }

    private async Task HoldWhileBlackholedAsync()
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (Mode != ProxyMode.Blackhole)
                {
                    return;
                }
                changed = _changed.Task;
            }
            await changed.WaitAsync(_stop.Token);
        }
    }
}
