using Overseer.AppHost.Children;
using Overseer.Sidecar.Tests.Infrastructure;
using Overseer.Testing;

namespace Overseer.Sidecar.Tests.Proxy;

public sealed class ProxyStandaloneTests
{
    [Fact]
    public async Task Sidecar_process_started_with_command_line_rules_proxies_allowed_traffic_and_denies_the_rest()
    {
        await using var allowed = await OriginServer.StartAsync();
        await using var other = await OriginServer.StartAsync();
        await using var sidecar = OverseerProcess.Start(ProjectPaths.Dll("sidecar"),
            ["--urls", "http://127.0.0.1:0", "--Proxy:Port", "0", "--Proxy:Allow:0", $"127.0.0.1:{allowed.Port}"],
            new Dictionary<string, string>());
        var line = await sidecar.WaitForLineAsync("Proxy listening on 127.0.0.1:", TimeSpan.FromSeconds(30));
        var port = int.Parse(line[(line.LastIndexOf(':') + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture);

        await using var client = await RawHttp.ConnectAsync(port);
        var ok = await client.RequestAsync($"GET http://127.0.0.1:{allowed.Port}/hello HTTP/1.1\r\nHost: 127.0.0.1:{allowed.Port}\r\n\r\n");
        var denied = await client.RequestAsync($"GET http://127.0.0.1:{other.Port}/hello HTTP/1.1\r\nHost: 127.0.0.1:{other.Port}\r\n\r\n");

        Assert.Equal("hello", ok.Text);
        Assert.Equal(403, denied.Status);
        Assert.Equal(0, other.Accepted);
        await sidecar.WaitForLineAsync($"denied http GET 127.0.0.1:{other.Port}", TimeSpan.FromSeconds(5));
    }
}
