using System.Net;
using Overseer.Sidecar.Tests.Infrastructure;

namespace Overseer.Sidecar.Tests.Proxy;

/// <summary>Address checks decided on stubbed DNS answers: nothing here may connect anywhere (the spy proves it).</summary>
public sealed class ProxyAddressTests : IAsyncLifetime
{
    private static readonly IPAddress Public = IPAddress.Parse("93.184.216.34");
    private SidecarApplication _sidecar = null!;

    public ValueTask InitializeAsync()
    {
        _sidecar = new SidecarApplication(new Dictionary<string, string?>
        {
            ["Proxy:Allow:0"] = "*",
            ["Proxy:Allow:1"] = "[fd12::/16]:443",
        }).Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _sidecar.DisposeAsync();

    [Theory]
    [InlineData("metadata-alias.test", "169.254.169.254", "link-local (cloud metadata)")]
    [InlineData("private.test", "10.1.2.3", "private")]
    [InlineData("cgnat.test", "100.64.0.1", "shared (carrier-grade NAT)")]
    [InlineData("loopback.test", "127.0.0.1", "loopback")]
    [InlineData("mapped.test", "::ffff:127.0.0.1", "IPv4-mapped IPv6")]
    [InlineData("mapped-metadata.test", "::ffff:169.254.169.254", "IPv4-mapped link-local (cloud metadata)")]
    [InlineData("ula.test", "fd00::1", "unique local (private)")]
    [InlineData("aws-v6-metadata.test", "fd00:ec2::254", "a cloud metadata address")]
    [InlineData("nat64-metadata.test", "64:ff9b::a9fe:a9fe", "IPv4-embedding link-local (cloud metadata)")]
    public async Task Names_resolving_to_non_public_addresses_are_denied_before_any_connect(string host, string address, string what)
    {
        _sidecar.Resolver.Answer(host, [IPAddress.Parse(address)]);
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        var plain = await client.RequestAsync($"GET http://{host}/ HTTP/1.1\r\nHost: {host}\r\n\r\n");
        await using var second = await RawHttp.ConnectAsync(_sidecar.ProxyPort);
        var tunnel = await second.RequestAsync($"CONNECT {host}:443 HTTP/1.1\r\nHost: {host}:443\r\n\r\n");

        Assert.Equal(403, plain.Status);
        Assert.Contains(what, plain.Text);
        Assert.Equal(403, tunnel.Status);
        Assert.Empty(_sidecar.Connector.Attempts);
    }

    [Fact]
    public async Task One_bad_address_among_good_ones_denies_the_whole_name()
    {
        _sidecar.Resolver.Answer("mixed.test", [Public, IPAddress.Parse("127.0.0.1")]);
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        var response = await client.RequestAsync("GET http://mixed.test/ HTTP/1.1\r\nHost: mixed.test\r\n\r\n");

        Assert.Equal(403, response.Status);
        Assert.Contains("127.0.0.1, which is loopback", response.Text);
        Assert.Empty(_sidecar.Connector.Attempts);
    }

    [Fact]
    public async Task Rebinding_to_loopback_after_a_public_answer_is_denied_and_only_the_checked_address_is_dialled()
    {
        _sidecar.Resolver.Answer("rebind.test", [Public], [IPAddress.Parse("127.0.0.1")]);
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        var first = await client.RequestAsync("GET http://rebind.test/ HTTP/1.1\r\nHost: rebind.test\r\n\r\n");
        await using var again = await RawHttp.ConnectAsync(_sidecar.ProxyPort);
        var second = await again.RequestAsync("GET http://rebind.test/ HTTP/1.1\r\nHost: rebind.test\r\n\r\n");

        // The first answer passed the checks: the proxy dialled exactly that address (the spy refused to leave the machine).
        Assert.Equal(502, first.Status);
        Assert.Equal(403, second.Status);
        Assert.Contains("127.0.0.1, which is loopback", second.Text);
        var dialled = Assert.Single(_sidecar.Connector.Attempts);
        Assert.Equal(Public, dialled.Address);
        Assert.Equal(2, _sidecar.Resolver.Lookups.Count(h => h == "rebind.test"));
    }

    [Theory]
    [InlineData("metadata.google.internal")]
    [InlineData("METADATA.GOOGLE.INTERNAL.")]
    [InlineData("metadata")]
    [InlineData("instance-data.ec2.internal")]
    public async Task Metadata_names_are_denied_without_even_a_lookup(string host)
    {
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        var response = await client.RequestAsync($"GET http://{host}/computeMetadata/v1/ HTTP/1.1\r\nHost: {host.ToLowerInvariant()}\r\n\r\n");

        Assert.Equal(403, response.Status);
        Assert.Contains("cloud metadata name", response.Text);
        Assert.Empty(_sidecar.Resolver.Lookups);
        Assert.Empty(_sidecar.Connector.Attempts);
    }

    [Fact]
    public async Task Metadata_address_literal_is_denied_even_when_allowed_by_address()
    {
        await using var sidecar = new SidecarApplication(new Dictionary<string, string?> { ["Proxy:Allow:0"] = "169.254.0.0/16" }).Start();
        await using var client = await RawHttp.ConnectAsync(sidecar.ProxyPort);

        var response = await client.RequestAsync("GET http://169.254.169.254/latest/meta-data/ HTTP/1.1\r\nHost: 169.254.169.254\r\n\r\n");

        Assert.Equal(403, response.Status);
        Assert.Contains("always denied", response.Text);
        Assert.Empty(sidecar.Connector.Attempts);
    }

    [Fact]
    public async Task Private_address_is_reachable_only_when_an_allow_rule_names_it_by_address()
    {
        _sidecar.Resolver.Answer("internal.test", [IPAddress.Parse("fd12::7")]);
        await using var client = await RawHttp.ConnectAsync(_sidecar.ProxyPort);

        var allowedPort = await client.RequestAsync("CONNECT internal.test:443 HTTP/1.1\r\nHost: internal.test:443\r\n\r\n");
        await using var other = await RawHttp.ConnectAsync(_sidecar.ProxyPort);
        var otherPort = await other.RequestAsync("CONNECT internal.test:8443 HTTP/1.1\r\nHost: internal.test:8443\r\n\r\n");

        // Allowed: the proxy dialled it (and the spy, not the network, refused).
        Assert.Equal(502, allowedPort.Status);
        Assert.Equal(403, otherPort.Status);
        var dialled = Assert.Single(_sidecar.Connector.Attempts);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("fd12::7"), 443), dialled);
    }
}
