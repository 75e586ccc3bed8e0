using Overseer.Sidecar.Tests.Infrastructure;

namespace Overseer.Sidecar.Tests.Proxy;

public sealed class ProxyInputTests : IAsyncLifetime
{
    private SidecarApplication _sidecar = null!;

    public ValueTask InitializeAsync()
    {
        _sidecar = new SidecarApplication(new Dictionary<string, string?>
        {
            ["Proxy:Allow:0"] = "*",
            ["Proxy:Allow:1"] = "127.0.0.0/8",
            ["Proxy:MaxHeaderBytes"] = "4096",
        }).Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _sidecar.DisposeAsync();

    [Theory]
    [InlineData("2130706433")]
    [InlineData("0177.0.0.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("0x7f000001")]
    [InlineData("127.1")]
    [InlineData("127.0.1")]
    [InlineData("127.000.000.001")]
    [InlineData("017700000001")]
    [InlineData("169.254.169.254.")]
    [InlineData("0251.0376.0251.0376")]
    [InlineData("[fe80::1%25eth0]")]
    [InlineData("[fe80::1%eth0]")]
    [InlineData("[::ffff:0x7f.0.0.1]")]
    [InlineData("%31%32%37.0.0.1")]
    [InlineData("user@127.0.0.1")]
    [InlineData("::1")]
    public async Task Odd_ip_spellings_are_rejected_without_lookup_or_connect(string host)
    {
        await using var absolute = await RawHttp.ConnectAsync(_sidecar.ProxyPort);
        var plain = await absolute.RequestAsync($"GET http://{host}:80/ HTTP/1.1\r\nHost: {host}:80\r\n\r\n");
        await using var tunnel = await RawHttp.ConnectAsync(_sidecar.ProxyPort);
        var connect = await tunnel.RequestAsync($"CONNECT {host}:443 HTTP/1.1\r\nHost: {host}:443\r\n\r\n");

        Assert.True(plain.Status is 400 or 403, $"GET answered {plain.Status}");
        Assert.True(connect.Status is 400 or 403, $"CONNECT answered {connect.Status}");
        Assert.Empty(_sidecar.Resolver.Lookups);
        Assert.Empty(_sidecar.Connector.Attempts);
    }

    [Theory]
    [InlineData("GET http://127.0.0.1:1/ HTTP/1.1\r\nHost: 127.0.0.1:1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")]
    [InlineData("GET http://127.0.0.1:1/ HTTP/1.1\r\nHost: 127.0.0.1:1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n")]
    [InlineData("GET http://127.0.0.1:1/ HTTP/1.1\r\nHost: 127.0.0.1:1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")]
    [InlineData("GET http://127.0.0.1:1/ HTTP/1.1\r\nHost : x\r\n\r\n")]
    [InlineData("GET http://127.0.0.1:1/ HTTP/1.1\r\nHost: 127.0.0.1:1\r\n folded\r\n\r\n")]
    [InlineData("GET /relative HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET ftp://127.0.0.1/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")]
    [InlineData("CONNECT 127.0.0.1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")]
    [InlineData("GET http://127.0.0.1:99999/ HTTP/1.1\r\nHost: 127.0.0.1:99999\r\n\r\n")]
    public async Task Malformed_or_ambiguous_requests_get_400_and_no_connect(string request)
    {
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        var response = await client.RequestAsync(request);

        Assert.Equal(400, response.Status);
        Assert.Empty(_sidecar.Connector.Attempts);
        Assert.True(await client.IsClosedAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Oversized_head_gets_431()
    {
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        var response = await client.RequestAsync($"GET http://127.0.0.1:1/ HTTP/1.1\r\nHost: 127.0.0.1:1\r\nX-Big: {new string('a', 5000)}\r\n\r\n");

        Assert.Equal(431, response.Status);
        Assert.Empty(_sidecar.Connector.Attempts);
    }
}
