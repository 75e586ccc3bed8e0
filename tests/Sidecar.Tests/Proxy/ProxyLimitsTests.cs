using System.Text;
using Overseer.Sidecar.Tests.Infrastructure;
using Overseer.Testing;

namespace Overseer.Sidecar.Tests.Proxy;

public sealed class ProxyLimitsTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private OriginServer _origin = null!;
    private SidecarApplication _sidecar = null!;

    public async ValueTask InitializeAsync()
    {
        _origin = await OriginServer.StartAsync();
        _sidecar = new SidecarApplication(new Dictionary<string, string?>
        {
            ["Proxy:Allow:0"] = $"127.0.0.1:{_origin.Port}",
            ["Proxy:MaxConnections"] = "3",
            ["Proxy:IdleTimeout"] = "00:00:02",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _sidecar.DisposeAsync();
        await _origin.DisposeAsync();
    }

    [Fact]
    public async Task Connection_limit_holds_and_frees_up_when_a_client_leaves()
    {
        var held = new List<RawHttp>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await RawHttp.ConnectAsync(_sidecar.ProxyPort));
        }
        await Eventually.TrueAsync(() => _sidecar.Metrics.OpenConnections == 3, Wait, "three connections open");

        await using var extra = await RawHttp.ConnectAsync(_sidecar.ProxyPort);
        var refused = await extra.ReadResponseAsync();
        Assert.Equal(503, refused.Status);
        Assert.True(await extra.IsClosedAsync(Wait));

        await held[0].DisposeAsync();
        await Eventually.TrueAsync(() => _sidecar.Metrics.OpenConnections == 2, Wait, "a slot freed");
        await using var next = await RawHttp.ConnectAsync(_sidecar.ProxyPort);
        var served = await next.RequestAsync($"GET http://127.0.0.1:{_origin.Port}/hello HTTP/1.1\r\nHost: 127.0.0.1:{_origin.Port}\r\n\r\n");
        Assert.Equal(200, served.Status);
        foreach (var client in held.Skip(1))
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task Idle_connection_is_closed_after_the_idle_timeout()
    {
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        Assert.True(await client.IsClosedAsync(TimeSpan.FromSeconds(8)));
        await Eventually.TrueAsync(() => _sidecar.Metrics.OpenConnections == 0, Wait, "connection released");
    }

    [Fact]
    public async Task Clients_disconnecting_halfway_leak_no_connection_on_either_side()
    {
        var target = $"127.0.0.1:{_origin.Port}";
        // Half a head.
        var a = await RawHttp.ConnectAsync(_sidecar.ProxyPort);
        await a.SendAsync($"GET http://{target}/hello HTTP/1.1\r\nHost:");
        a.Abort();
        // Half a request body.
        var b = await RawHttp.ConnectAsync(_sidecar.ProxyPort);
        await b.SendAsync($"POST http://{target}/echo HTTP/1.1\r\nHost: {target}\r\nContent-Length: 100000\r\n\r\n{new string('x', 1000)}");
        await Eventually.TrueAsync(() => _origin.Open >= 1, Wait, "upstream request started");
        b.Abort();
        // Half a response.
        var c = await RawHttp.ConnectAsync(_sidecar.ProxyPort);
        await c.SendAsync($"GET http://{target}/stall HTTP/1.1\r\nHost: {target}\r\n\r\n");
        var buffer = new byte[100];
        Assert.True(await c.Stream.ReadAsync(buffer) > 0);
        c.Abort();
        // Half a tunnel.
        var d = await RawHttp.ConnectAsync(_sidecar.ProxyPort);
        await d.SendAsync($"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n");
        Assert.Equal(200, (await d.ReadResponseAsync(head: true)).Status);
        await d.Stream.WriteAsync(Encoding.ASCII.GetBytes("GET /stall HTTP/1.1\r\nHost: x\r\n\r\n"));
        Assert.True(await d.Stream.ReadAsync(buffer) > 0);
        d.Abort();

        await Eventually.TrueAsync(() => _sidecar.Metrics.OpenConnections == 0, Wait, "no client connection left");
        await Eventually.TrueAsync(() => _sidecar.Metrics.OpenUpstreams == 0, Wait, "no upstream connection left");
        await Eventually.TrueAsync(() => _origin.Open == 0, Wait, "the origin sees every connection closed");
        Assert.Equal(3, _origin.Accepted);
    }
}
