using System.Net;
using System.Net.Sockets;

namespace Overseer.Sidecar.Proxy;

/// <summary>An address range (<c>10.0.0.0/8</c>, <c>fc00::/7</c>, or one address).</summary>
public sealed record IpNetwork(IPAddress Prefix, int Bits)
{
    /// <summary>Parses <c>address</c> or <c>address/bits</c> (canonical addresses only, no zone ids).</summary>
    public static bool TryParse(string text, out IpNetwork network)
    {
        network = null!;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!TargetParser.TryParseIpLiteral(addressText, out var address))
        {
            return false;
        }
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var bits = max;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, null, out bits) || bits > max))
        {
            return false;
        }
        network = new IpNetwork(address, bits);
        return true;
    }

    /// <summary>True when <paramref name="address"/> is in this range (same address family only).</summary>
    public bool Contains(IPAddress address)
    {
        if (address.AddressFamily != Prefix.AddressFamily)
        {
            return false;
        }
        Span<byte> a = stackalloc byte[16];
        Span<byte> p = stackalloc byte[16];
        address.TryWriteBytes(a, out var length);
        Prefix.TryWriteBytes(p, out _);
        var full = Bits / 8;
        if (!a[..full].SequenceEqual(p[..full]))
        {
            return false;
        }
        var rest = Bits % 8;
        if (rest == 0 || full >= length)
        {
            return true;
        }
        var mask = (byte)(0xFF << (8 - rest));
        return (a[full] & mask) == (p[full] & mask);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Prefix}/{Bits}";
}
