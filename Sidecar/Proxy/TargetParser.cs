using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Overseer.Sidecar.Proxy;

/// <summary>
/// Parses request targets strictly, before anything normalizes them: IPv4 literals only as four canonical decimal
/// parts (no decimal, octal or hex forms, no short forms, no leading zeros), IPv6 only in brackets and without zone
/// ids, names only in ASCII letters, digits, '-', '_' and '.', no user info.
/// </summary>
public static class TargetParser
{
    /// <summary>Splits an absolute-form target (<c>http://host[:port]/path</c>) into its target and origin-form path.</summary>
    public static bool TryParseAbsolute(string target, out ProxyTarget parsed, out string pathAndQuery, out string error)
    {
        parsed = null!;
        pathAndQuery = "";
        const string scheme = "http://";
        if (!target.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            error = target.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                ? "https must go through a CONNECT tunnel"
                : "only absolute http:// targets and CONNECT are proxied";
            return false;
        }
        var rest = target.AsSpan(scheme.Length);
        var end = rest.IndexOfAny('/', '?', '#');
        var authority = end < 0 ? rest.ToString() : rest[..end].ToString();
        pathAndQuery = end < 0 ? "/" : rest[end..].ToString();
        var hash = pathAndQuery.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            pathAndQuery = pathAndQuery[..hash];
        }
        if (pathAndQuery.StartsWith('?'))
        {
            pathAndQuery = "/" + pathAndQuery;
        }
        return TryParseAuthority(authority, 80, out parsed, out error);
    }

    /// <summary>Parses <c>host[:port]</c> (a CONNECT target passes <paramref name="defaultPort"/> = null: the port is required).</summary>
    public static bool TryParseAuthority(string authority, int? defaultPort, out ProxyTarget parsed, out string error)
    {
        parsed = null!;
        if (authority.Length == 0 || authority.Length > 300)
        {
            error = "the host is empty or too long";
            return false;
        }
        if (authority.Contains('@', StringComparison.Ordinal))
        {
            error = "user info in the target is not accepted";
            return false;
        }
        string hostText;
        string? portText = null;
        if (authority[0] == '[')
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = "unterminated IPv6 literal";
                return false;
            }
            hostText = authority[1..close];
            var after = authority[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    error = "unexpected text after the IPv6 literal";
                    return false;
                }
                portText = after[1..];
            }
            if (hostText.Contains('%', StringComparison.Ordinal))
            {
                error = "IPv6 zone ids are not accepted";
                return false;
            }
            if (!TryParseIpv6(hostText, out var v6))
            {
                error = "not a valid IPv6 literal";
                return false;
            }
            return Finish(v6.ToString(), v6, portText, defaultPort, out parsed, out error);
        }
        var colon = authority.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            if (authority.IndexOf(':', colon + 1) >= 0)
            {
                error = "IPv6 literals must be in brackets";
                return false;
            }
            hostText = authority[..colon];
            portText = authority[(colon + 1)..];
        }
        else
        {
            hostText = authority;
        }
        if (CheckName(hostText, out var name, out error) is { } address)
        {
            return Finish(address.ToString(), address, portText, defaultPort, out parsed, out error);
        }
        return error.Length == 0 && Finish(name, null, portText, defaultPort, out parsed, out error);
    }

    /// <summary>A canonical IPv4 dotted quad or a bare IPv6 address (no zone id), as written in rules.</summary>
    public static bool TryParseIpLiteral(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return !text.Contains('%', StringComparison.Ordinal) && TryParseIpv6(text, out address);
        }
        return IsCanonicalIpv4(text, out address);
    }

    /// <summary>
    /// Checks a host name: answers the address when it is a canonical IPv4 literal; otherwise sets <paramref name="name"/>
    /// (lowercase, no trailing dot) or <paramref name="error"/>.
    /// </summary>
    private static IPAddress? CheckName(string host, out string name, out string error)
    {
        name = "";
        error = "";
        var text = host.EndsWith('.') ? host[..^1] : host;
        if (text.Length is 0 or > 253)
        {
            error = "the host name is empty or too long";
            return null;
        }
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                error = c == '%' ? "percent-encoded host names are not accepted" : "the host name has a character outside [A-Za-z0-9._-]";
                return null;
            }
        }
        var labels = text.Split('.');
        if (labels.Any(l => l.Length is 0 or > 63))
        {
            error = "the host name has an empty or too long label";
            return null;
        }
        // As in the WHATWG URL standard: a host whose last label is a number is an IPv4 address, in whatever spelling.
        var last = labels[^1];
        var numeric = last.All(char.IsAsciiDigit)
            || (last.Length >= 2 && last[0] == '0' && last[1] is 'x' or 'X' && last.Skip(2).All(char.IsAsciiHexDigit));
        if (numeric)
        {
            if (IsCanonicalIpv4(text, out var address))
            {
                return address;
            }
            error = "IP addresses must be written as four decimal parts (no decimal, octal or hex forms, no leading zeros)";
            return null;
        }
        name = text.ToLowerInvariant();
        return null;
    }

    private static bool IsCanonicalIpv4(string text, out IPAddress address)
    {
        address = IPAddress.None;
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < 4; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) || (part.Length > 1 && part[0] == '0')
                || !byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }
        address = new IPAddress(bytes);
        return true;
    }

    private static bool TryParseIpv6(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Length == 0 || !text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.'))
        {
            return false;
        }
        if (!IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }
        // An embedded IPv4 part (::ffff:1.2.3.4) must be canonical too.
        var lastColon = text.LastIndexOf(':');
        if (text.Contains('.', StringComparison.Ordinal) && !IsCanonicalIpv4(text[(lastColon + 1)..], out _))
        {
            return false;
        }
        address = parsed;
        return true;
    }

    private static bool Finish(string host, IPAddress? literal, string? portText, int? defaultPort, out ProxyTarget parsed, out string error)
    {
        parsed = null!;
        int port;
        if (string.IsNullOrEmpty(portText))
        {
            if (defaultPort is null)
            {
                error = "CONNECT needs host:port";
                return false;
            }
            port = defaultPort.Value;
        }
        else if (portText.Length > 5 || !portText.All(char.IsAsciiDigit) || portText[0] == '0'
            || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
        {
            error = "the port must be a number from 1 to 65535";
            return false;
        }
        var hostForHeader = literal?.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
        var authority = defaultPort == port ? hostForHeader : FormattableString.Invariant($"{hostForHeader}:{port}");
        parsed = new ProxyTarget(host, port, literal, authority);
        error = "";
        return true;
    }
}
