using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Overseer.Chaos.Faults;

namespace Overseer.Chaos.Tests.Faults;

/// <summary>The proxy's modes, against a loopback echo server.</summary>
public sealed class FaultProxyTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TcpListener _echo = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private FaultProxy _proxy = null!;

    public ValueTask InitializeAsync()
    {
        _echo.Start();
        _ = EchoAsync();
        _proxy = new FaultProxy(((IPEndPoint)_echo.LocalEndpoint).Port).Start();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Pass_forwards_both_ways()
    {
        using var client = await ConnectAsync();

        Assert.Equal("hello", await RoundTripAsync(client, "hello"));
    }

    [Fact]
    public async Task Reset_cuts_open_connections_with_an_error()
    {
        using var client = await ConnectAsync();
        await RoundTripAsync(client, "before");

        _proxy.SetMode(ProxyMode.Reset);

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var timeout = new CancellationTokenSource(Patience);
            await client.SendAsync("x"u8.ToArray(), SocketFlags.None, timeout.Token);
            var buffer = new byte[16];
            if (await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) == 0)
            {
                throw new IOException("closed");
            }
        });
    }

    [Fact]
    public async Task Blackhole_holds_bytes_back_until_the_mode_changes()
    {
        using var client = await ConnectAsync();
        _proxy.SetMode(ProxyMode.Blackhole);
        var answer = RoundTripAsync(client, "held");

        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(answer.IsCompleted);
        _proxy.SetMode(ProxyMode.Pass);

        Assert.Equal("held", await answer.WaitAsync(Patience));
    }

    [Fact]
    public async Task Latency_delays_every_chunk()
    {
        _proxy.Latency = TimeSpan.FromMilliseconds(300);
        _proxy.SetMode(ProxyMode.Latency);
        using var client = await ConnectAsync();
        var clock = Stopwatch.StartNew();

        Assert.Equal("slow", await RoundTripAsync(client, "slow"));
        // One delay on the way there, one on the way back.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(550), $"answered after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Slow_close_holds_a_close_back()
    {
        _proxy.CloseDelay = TimeSpan.FromMilliseconds(800);
        _proxy.SetMode(ProxyMode.SlowClose);
        using var client = await ConnectAsync();
        await RoundTripAsync(client, "bye");
        var clock = Stopwatch.StartNew();

        client.Shutdown(SocketShutdown.Send);
        var buffer = new byte[16];
        using var timeout = new CancellationTokenSource(Patience);
        // The echo server closes when it sees our close, which reaches it late; its close then comes back late too.
        Assert.Equal(0, await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(750), $"closed after {clock.Elapsed.TotalMilliseconds} ms");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _echo.Stop();
        await _proxy.DisposeAsync();
        _stop.Dispose();
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _proxy.Port);
        return socket;
    }

    private static async Task<string> RoundTripAsync(Socket socket, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        await socket.SendAsync(bytes, SocketFlags.None);
        var buffer = new byte[bytes.Length];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None);
            if (n == 0)
            {
                throw new IOException("closed");
            }
            read += n;
        }
        return System.Text.Encoding.UTF8.GetString(buffer);
    }

    private async Task EchoAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket peer;
            try
            {
                peer = await _echo.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using (peer)
                {
                    var buffer = new byte[1024];
                    try
                    {
                        int n;
                        while ((n = await peer.ReceiveAsync(buffer, SocketFlags.None)) > 0)
                        {
                            await peer.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
                        }
                        peer.Shutdown(SocketShutdown.Send);
                    }
                    catch (SocketException)
                    {
                        // Reset by the proxy under test.
                    }
                }
            });
        }
    }
}
