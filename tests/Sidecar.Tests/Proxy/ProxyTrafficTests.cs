using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Security;
using System.Text;
using Overseer.Sidecar.Proxy;
using Overseer.Sidecar.Tests.Infrastructure;

namespace Overseer.Sidecar.Tests.Proxy;

public sealed class ProxyTrafficTests : IAsyncLifetime
{
    private OriginServer _allowed = null!;
    private OriginServer _tls = null!;
    private OriginServer _other = null!;
    private SidecarApplication _sidecar = null!;

    public async ValueTask InitializeAsync()
    {
        _allowed = await OriginServer.StartAsync();
        _tls = await OriginServer.StartAsync(tls: true);
        _other = await OriginServer.StartAsync();
        _sidecar = new SidecarApplication(new Dictionary<string, string?>
        {
            ["Proxy:Allow:0"] = $"127.0.0.1:{_allowed.Port}",
            ["Proxy:Allow:1"] = $"127.0.0.1:{_tls.Port}",
            ["Proxy:Allow:2"] = "*.example.test",
            ["Proxy:Deny:0"] = "blocked.example.test",
        }).Start();
    }

    public async ValueTask DisposeAsync()
    {
        await _sidecar.DisposeAsync();
        await _allowed.DisposeAsync();
        await _tls.DisposeAsync();
        await _other.DisposeAsync();
    }

    [Fact]
    public async Task Allowed_server_is_reachable_over_plain_http_with_keep_alive()
    {
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        var first = await client.RequestAsync($"GET http://127.0.0.1:{_allowed.Port}/hello HTTP/1.1\r\nHost: 127.0.0.1:{_allowed.Port}\r\n\r\n");
        var second = await client.RequestAsync($"GET http://127.0.0.1:{_allowed.Port}/big?size=200000 HTTP/1.1\r\nHost: 127.0.0.1:{_allowed.Port}\r\n\r\n");
        var chunked = await client.RequestAsync($"GET http://127.0.0.1:{_allowed.Port}/chunked HTTP/1.1\r\nHost: 127.0.0.1:{_allowed.Port}\r\n\r\n");

        Assert.Equal((200, "hello"), (first.Status, first.Text));
        Assert.Equal(200_000, second.Body.Length);
        Assert.Equal(Enumerable.Range(0, 200_000).Select(i => (byte)(i % 251)), second.Body);
        Assert.Equal("part one,part two", chunked.Text);
        Assert.Equal(1, _allowed.Accepted);
    }

    [Fact]
    public async Task Request_bodies_are_forwarded_with_content_length_and_chunked()
    {
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);
        var target = $"http://127.0.0.1:{_allowed.Port}/echo";

        var sized = await client.RequestAsync($"POST {target} HTTP/1.1\r\nHost: 127.0.0.1:{_allowed.Port}\r\nContent-Length: 11\r\n\r\nhello world");
        var chunked = await client.RequestAsync($"POST {target} HTTP/1.1\r\nHost: 127.0.0.1:{_allowed.Port}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
        // A client that waits for 100 Continue before sending its body gets it, then the answer.
        var continued = await client.RequestAsync($"POST {target} HTTP/1.1\r\nHost: 127.0.0.1:{_allowed.Port}\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");

        Assert.Equal("hello world", sized.Text);
        Assert.Equal("hello world", chunked.Text);
        Assert.Equal(100, continued.Status);
        await client.SendAsync("ok");
        var after = await client.ReadResponseAsync();
        Assert.Equal("ok", after.Text);
    }

    [Fact]
    public async Task Hop_by_hop_and_proxy_credentials_are_not_forwarded_and_the_host_header_is_the_target()
    {
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        var response = await client.RequestAsync($"GET http://127.0.0.1:{_allowed.Port}/headers HTTP/1.1\r\nHost: 127.0.0.1:{_allowed.Port}\r\n"
            + "Proxy-Authorization: Basic c2VjcmV0\r\nProxy-Connection: keep-alive\r\nConnection: X-Drop\r\nX-Drop: 1\r\nX-Keep: 2\r\n\r\n");

        Assert.Equal(200, response.Status);
        Assert.Contains($"Host: 127.0.0.1:{_allowed.Port}", response.Text);
        Assert.Contains("X-Keep: 2", response.Text);
        Assert.DoesNotContain("Proxy-Authorization", response.Text);
        Assert.DoesNotContain("X-Drop", response.Text);
        Assert.DoesNotContain("traceparent", response.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("X-Forwarded", response.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Via:", response.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Connect_tunnel_reaches_an_allowed_tls_server_without_terminating_tls()
    {
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);
        await client.SendAsync($"CONNECT 127.0.0.1:{_tls.Port} HTTP/1.1\r\nHost: 127.0.0.1:{_tls.Port}\r\n\r\n");
        var established = await client.ReadResponseAsync(head: true);
        Assert.Equal(200, established.Status);

        await using var tls = new SslStream(client.Stream, leaveInnerStreamOpen: true,
            (_, certificate, _, _) => certificate?.GetCertHashString() == _tls.Certificate!.GetCertHashString());
        await tls.AuthenticateAsClientAsync("origin.test");
        await tls.WriteAsync(Encoding.ASCII.GetBytes("GET /hello HTTP/1.1\r\nHost: origin.test\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(tls);
        var text = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 200", text);
        Assert.Contains("\r\nhello\r\n", text);
        Assert.Equal(1, _tls.Accepted);
    }

    [Fact]
    public async Task Server_not_allowed_gets_403_and_sees_no_connection()
    {
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        var plain = await client.RequestAsync($"GET http://127.0.0.1:{_other.Port}/hello HTTP/1.1\r\nHost: 127.0.0.1:{_other.Port}\r\n\r\n");
        var tunnel = await client.RequestAsync($"CONNECT 127.0.0.1:{_other.Port} HTTP/1.1\r\nHost: 127.0.0.1:{_other.Port}\r\n\r\n");

        Assert.Equal(403, plain.Status);
        Assert.Contains("matches no allow rule", plain.Text);
        Assert.Equal(403, tunnel.Status);
        Assert.Equal(0, _other.Accepted);
        Assert.DoesNotContain(_sidecar.Connector.Attempts, e => e.Port == _other.Port);
    }

    [Fact]
    public async Task Deny_rule_beats_allow_rule_and_the_403_names_it()
    {
        _sidecar.Resolver.Answer("blocked.example.test", [IPAddress.Parse("93.184.216.34")]);
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        var response = await client.RequestAsync("GET http://blocked.example.test/ HTTP/1.1\r\nHost: blocked.example.test\r\n\r\n");

        Assert.Equal(403, response.Status);
        Assert.Contains("deny rule 'blocked.example.test'", response.Text);
        Assert.DoesNotContain("blocked.example.test", _sidecar.Resolver.Lookups);
    }

    [Fact]
    public async Task Every_decision_is_logged_and_counted()
    {
        var decisions = new List<(string Decision, string Kind)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ProxyMetrics.MeterName && instrument.Name == "overseer.proxy.decisions"
                && instrument.Meter.Scope == _sidecar.Services.GetService(typeof(IMeterFactory)))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            lock (decisions)
            {
                decisions.Add(((string)tags[0].Value!, (string)tags[1].Value!));
            }
        });
        listener.Start();
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        await client.RequestAsync($"GET http://127.0.0.1:{_allowed.Port}/hello HTTP/1.1\r\nHost: 127.0.0.1:{_allowed.Port}\r\n\r\n");
        await client.RequestAsync($"GET http://127.0.0.1:{_other.Port}/hello HTTP/1.1\r\nHost: 127.0.0.1:{_other.Port}\r\n\r\n");

        Assert.Contains(("allowed", "http"), decisions);
        Assert.Contains(("denied", "http"), decisions);
        Assert.Contains(_sidecar.Logs.Lines, l => l.Contains($"allowed http GET 127.0.0.1:{_allowed.Port}", StringComparison.Ordinal) && l.Contains("B down", StringComparison.Ordinal));
        Assert.Contains(_sidecar.Logs.Lines, l => l.Contains($"denied http GET 127.0.0.1:{_other.Port} status 403", StringComparison.Ordinal));
    }
}
