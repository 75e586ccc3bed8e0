using System.Net;
using System.Net.Sockets;
using System.Text;
using Overseer.Sidecar.Tests.Infrastructure;

namespace Overseer.Sidecar.Tests.Proxy;

/// <summary>
/// Request-smuggling and framing probes against the proxy port (Kestrel's parser in front of YARP): each is refused
/// and the origin, which every probe would be allowed to reach, never sees a connection.
/// </summary>
public sealed class ProxySmugglingTests : IAsyncLifetime
{
    private OriginServer _origin = null!;
    private SidecarApplication _sidecar = null!;

    public async ValueTask InitializeAsync()
    {
        _origin = await OriginServer.StartAsync();
        _sidecar = new SidecarApplication(new Dictionary<string, string?> { ["Proxy:Allow:0"] = $"127.0.0.1:{_origin.Port}" });
    }

    public async ValueTask DisposeAsync()
    {
        await _sidecar.DisposeAsync();
        await _origin.DisposeAsync();
    }

    public static TheoryData<string, string> Probes => new()
    {
        { "content-length and chunked", "POST {0}/echo HTTP/1.1\r\nHost: {1}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" },
        { "chunked and content-length", "POST {0}/echo HTTP/1.1\r\nHost: {1}\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n" },
        { "duplicate content-length", "POST {0}/echo HTTP/1.1\r\nHost: {1}\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc" },
        { "content-length list", "POST {0}/echo HTTP/1.1\r\nHost: {1}\r\nContent-Length: 2, 3\r\n\r\nabc" },
        { "encoding before chunked", "POST {0}/echo HTTP/1.1\r\nHost: {1}\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n" },
        { "chunked not last", "POST {0}/echo HTTP/1.1\r\nHost: {1}\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n" },
        { "obsolete line folding", "GET {0}/hello HTTP/1.1\r\nHost: {1}\r\nX-A: 1\r\n folded\r\n\r\n" },
        { "bare LF in a header", "GET {0}/hello HTTP/1.1\r\nHost: {1}\nX-A: 1\r\n\r\n" },
        { "bare LF ending the head", "GET {0}/hello HTTP/1.1\nHost: {1}\n\n" },
        { "absolute form with another host", "GET {0}/hello HTTP/1.1\r\nHost: evil.example\r\n\r\n" },
        { "no host", "GET {0}/hello HTTP/1.1\r\n\r\n" },
        { "two hosts", "GET {0}/hello HTTP/1.1\r\nHost: {1}\r\nHost: {1}\r\n\r\n" },
        { "user info", "GET http://user:pw@{1}/hello HTTP/1.1\r\nHost: {1}\r\n\r\n" },
        { "space before colon", "GET {0}/hello HTTP/1.1\r\nHost : {1}\r\n\r\n" },
        { "NUL in a header", "GET {0}/hello HTTP/1.1\r\nHost: {1}\r\nX-A: a\0b\r\n\r\n" },
        { "origin form", "GET /hello HTTP/1.1\r\nHost: {1}\r\n\r\n" },
        { "https absolute form", "GET https://{1}/hello HTTP/1.1\r\nHost: {1}\r\n\r\n" },
    };

    [Theory]
    [MemberData(nameof(Probes))]
    public async Task Ambiguous_or_malformed_request_is_400_and_the_origin_receives_nothing(string probe, string template)
    {
        var authority = $"127.0.0.1:{_origin.Port}";
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        var response = await client.RequestAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, $"http://{authority}", authority));

        Assert.True(response.Status == 400, $"{probe}: answered {response.Status}");
        Assert.True(await client.IsClosedAsync(TimeSpan.FromSeconds(5)), $"{probe}: connection left open");
        Assert.Equal(0, _origin.Accepted);
        Assert.Empty(_sidecar.Connector.Attempts);
    }

    [Fact]
    public async Task Bad_chunk_size_is_400_and_the_origin_never_gets_a_complete_request()
    {
        var authority = $"127.0.0.1:{_origin.Port}";
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        // The body is read while it is forwarded, so the origin may see the request start; it never sees it end.
        var response = await client.RequestAsync($"POST http://{authority}/echo HTTP/1.1\r\nHost: {authority}\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\nzz\r\nworld\r\n0\r\n\r\n");

        Assert.Equal(400, response.Status);
        Assert.True(await client.IsClosedAsync(TimeSpan.FromSeconds(5)));
        await Task.Delay(200);
        Assert.Equal(0, _origin.Echoed);
    }

    [Fact]
    public async Task Http_2_request_line_on_the_proxy_port_is_505_and_the_origin_receives_nothing()
    {
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        var response = await client.RequestAsync($"GET http://127.0.0.1:{_origin.Port}/hello HTTP/2.0\r\nHost: 127.0.0.1:{_origin.Port}\r\n\r\n");

        Assert.Equal(505, response.Status);
        Assert.True(await client.IsClosedAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, _origin.Accepted);
    }

    [Theory]
    [InlineData("CONNECT {0} HTTP/1.1\nHost: x\n\n")]
    [InlineData("CONNECT {0} HTTP/1.1\r\nHost: {0}\r\n folded\r\n\r\n")]
    [InlineData("CONNECT {0} HTTP/1.1\r\nHost : x\r\n\r\n")]
    [InlineData("CONNECT  {0} HTTP/1.1\r\n\r\n")]
    [InlineData("CONNECT {0} HTTP/2.0\r\n\r\n")]
    [InlineData("CONNECT user@{0} HTTP/1.1\r\n\r\n")]
    [InlineData("CONNECT {0} HTTP/1.1\r\nX-A: a\0b\r\n\r\n")]
    public async Task Malformed_connect_head_is_400_and_opens_no_tunnel(string template)
    {
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        var response = await client.RequestAsync(template.Replace("{0}", $"127.0.0.1:{_origin.Port}", StringComparison.Ordinal));

        Assert.Equal(400, response.Status);
        Assert.True(await client.IsClosedAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, _origin.Accepted);
        Assert.Empty(_sidecar.Connector.Attempts);
    }

    [Fact]
    public async Task Keep_alive_connection_mixes_allowed_and_denied_targets()
    {
        var authority = $"127.0.0.1:{_origin.Port}";
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        var first = await client.RequestAsync($"GET http://{authority}/hello HTTP/1.1\r\nHost: {authority}\r\n\r\n");
        var denied = await client.RequestAsync("GET http://127.0.0.1:9/ HTTP/1.1\r\nHost: 127.0.0.1:9\r\n\r\n");
        var second = await client.RequestAsync($"GET http://{authority}/hello HTTP/1.1\r\nHost: {authority}\r\n\r\n");
        var deniedAgain = await client.RequestAsync("GET http://metadata.google.internal/ HTTP/1.1\r\nHost: metadata.google.internal\r\n\r\n");
        var third = await client.RequestAsync($"POST http://{authority}/echo HTTP/1.1\r\nHost: {authority}\r\nContent-Length: 3\r\n\r\nabc");

        Assert.Equal((200, "hello"), (first.Status, first.Text));
        Assert.Equal(403, denied.Status);
        Assert.Equal((200, "hello"), (second.Status, second.Text));
        Assert.Equal(403, deniedAgain.Status);
        Assert.Equal((200, "abc"), (third.Status, third.Text));
        Assert.Equal(1, _origin.Accepted);
        Assert.DoesNotContain(_sidecar.Connector.Attempts, e => e.Port == 9);
    }

    [Fact]
    public async Task Allowed_connect_after_another_request_on_the_connection_is_400_and_opens_no_tunnel()
    {
        var authority = $"127.0.0.1:{_origin.Port}";
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        var first = await client.RequestAsync($"GET http://{authority}/hello HTTP/1.1\r\nHost: {authority}\r\n\r\n");
        var tunnel = await client.RequestAsync($"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n\r\n");

        Assert.Equal(200, first.Status);
        Assert.Equal(400, tunnel.Status);
        Assert.Contains("must be the first request", tunnel.Text);
        Assert.True(await client.IsClosedAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, _origin.Accepted);
    }

    [Fact]
    public async Task Large_bodies_stream_both_ways()
    {
        var authority = $"127.0.0.1:{_origin.Port}";
        var body = new byte[24 * 1024 * 1024];
        new Random(7).NextBytes(body);
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        var send = client.SendAsync($"POST http://{authority}/echo HTTP/1.1\r\nHost: {authority}\r\nContent-Length: {body.Length}\r\n\r\n");
        await send;
        var upload = client.Stream.WriteAsync(body).AsTask();
        var response = await client.ReadResponseAsync();
        await upload;
        var download = await client.RequestAsync($"GET http://{authority}/big?size={body.Length} HTTP/1.1\r\nHost: {authority}\r\n\r\n");

        Assert.Equal(200, response.Status);
        Assert.True(body.AsSpan().SequenceEqual(response.Body), "the echoed upload differs");
        Assert.Equal(body.Length, download.Body.Length);
        Assert.Equal(Enumerable.Range(0, body.Length).Select(i => (byte)(i % 251)), download.Body);
    }

    [Fact]
    public async Task Connect_tunnel_carries_a_client_half_close_to_the_server_and_its_answer_back()
    {
        using var echo = new TcpListener(IPAddress.Loopback, 0);
        echo.Start();
        var port = ((IPEndPoint)echo.LocalEndpoint).Port;
        await using var sidecar = new SidecarApplication(new Dictionary<string, string?> { ["Proxy:Allow:0"] = $"127.0.0.1:{port}" });
        var server = Task.Run(async () =>
        {
            using var accept = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            using var socket = await echo.AcceptSocketAsync(accept.Token);
            using var all = new MemoryStream();
            var buffer = new byte[4096];
            int read;
            while ((read = await socket.ReceiveAsync(buffer)) > 0)
            {
                all.Write(buffer, 0, read);
            }
            // The client's FIN arrived through the tunnel; answer after it, then close.
            await socket.SendAsync(Encoding.ASCII.GetBytes($"got {all.Length} bytes: {Encoding.ASCII.GetString(all.ToArray())}"));
            socket.Shutdown(SocketShutdown.Both);
        });
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.Loopback, sidecar.ProxyPort);
        await client.SendAsync(Encoding.ASCII.GetBytes($"CONNECT 127.0.0.1:{port} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\nearly,"));
        await client.SendAsync(Encoding.ASCII.GetBytes("late"));
        client.Shutdown(SocketShutdown.Send);

        using var received = new MemoryStream();
        var chunk = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        int n;
        while ((n = await client.ReceiveAsync(chunk, SocketFlags.None, timeout.Token)) > 0)
        {
            received.Write(chunk, 0, n);
        }
        await server.WaitAsync(TimeSpan.FromSeconds(20));

        var text = Encoding.ASCII.GetString(received.ToArray());
        Assert.StartsWith("HTTP/1.1 200 Connection established\r\n\r\n", text);
        Assert.EndsWith("got 10 bytes: early,late", text);
    }
}
