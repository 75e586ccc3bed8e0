using System.Net;
using System.Net.Sockets;

namespace Overseer.Sidecar.Proxy;

/// <summary>Sorts addresses into <see cref="AddressClass"/>es, with a short description for the 403 body.</summary>
public static class AddressClassifier
{
    private static readonly (IpNetwork Network, AddressClass Class, string What)[] V4 =
    [
        (Net("169.254.0.0/16"), AddressClass.Forbidden, "link-local (cloud metadata)"),
        (Net("100.100.100.200/32"), AddressClass.Forbidden, "a cloud metadata address"),
        (Net("0.0.0.0/8"), AddressClass.Forbidden, "'this network'"),
        (Net("224.0.0.0/4"), AddressClass.Forbidden, "multicast"),
        (Net("240.0.0.0/4"), AddressClass.Forbidden, "reserved"),
        (Net("127.0.0.0/8"), AddressClass.Loopback, "loopback"),
        (Net("10.0.0.0/8"), AddressClass.Private, "private"),
        (Net("172.16.0.0/12"), AddressClass.Private, "private"),
        (Net("192.168.0.0/16"), AddressClass.Private, "private"),
        (Net("100.64.0.0/10"), AddressClass.Private, "shared (carrier-grade NAT)"),
        (Net("192.0.0.0/24"), AddressClass.Private, "IETF protocol assignments"),
        (Net("192.0.2.0/24"), AddressClass.Private, "documentation"),
        (Net("198.51.100.0/24"), AddressClass.Private, "documentation"),
        (Net("203.0.113.0/24"), AddressClass.Private, "documentation"),
        (Net("198.18.0.0/15"), AddressClass.Private, "benchmarking"),
    ];

    private static readonly (IpNetwork Network, AddressClass Class, string What)[] V6 =
    [
        (Net("fd00:ec2::254/128"), AddressClass.Forbidden, "a cloud metadata address"),
        (Net("::/128"), AddressClass.Forbidden, "unspecified"),
        (Net("ff00::/8"), AddressClass.Forbidden, "multicast"),
        (Net("::1/128"), AddressClass.Loopback, "loopback"),
        (Net("fc00::/7"), AddressClass.Private, "unique local (private)"),
        (Net("fe80::/10"), AddressClass.Private, "link-local"),
        (Net("2001:db8::/32"), AddressClass.Private, "documentation"),
        (Net("100::/64"), AddressClass.Private, "discard-only"),
        (Net("::/96"), AddressClass.Private, "IPv4-compatible (deprecated)"),
    ];

    private static readonly IpNetwork Nat64 = Net("64:ff9b::/96");
    private static readonly IpNetwork SixToFour = Net("2002::/16");

    /// <summary>The class of <paramref name="address"/> and what it is, e.g. (Forbidden, "link-local (cloud metadata)").</summary>
    public static (AddressClass Class, string What) Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            foreach (var (network, cls, what) in V4)
            {
                if (network.Contains(address))
                {
                    return (cls, what);
                }
            }
            return (AddressClass.Public, "public");
        }
        if (address.IsIPv4MappedToIPv6)
        {
            var inner = Classify(address.MapToIPv4());
            return inner.Class == AddressClass.Forbidden
                ? (AddressClass.Forbidden, "IPv4-mapped " + inner.What)
                : (AddressClass.Mapped, "IPv4-mapped IPv6");
        }
        foreach (var (network, cls, what) in V6)
        {
            if (network.Contains(address))
            {
                return (cls, what);
            }
        }
        // Translation prefixes carry an IPv4 address: judge the embedded one too.
        if (Nat64.Contains(address) || SixToFour.Contains(address))
        {
            var bytes = address.GetAddressBytes();
            var embedded = new IPAddress(Nat64.Contains(address) ? bytes.AsSpan(12, 4) : bytes.AsSpan(2, 4));
            var inner = Classify(embedded);
            if (inner.Class != AddressClass.Public)
            {
                return (inner.Class == AddressClass.Forbidden ? AddressClass.Forbidden : AddressClass.Private, "IPv4-embedding " + inner.What);
            }
        }
        return (AddressClass.Public, "public");
    }

    private static IpNetwork Net(string text) =>
        IpNetwork.TryParse(text, out var network) ? network : throw new InvalidOperationException("bad built-in network " + text);
}
