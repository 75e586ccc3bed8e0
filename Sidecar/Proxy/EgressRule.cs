using System.Globalization;
using System.Net;

namespace Overseer.Sidecar.Proxy;

/// <summary>
/// One <c>host[:port]</c> pattern. Hosts: <c>*</c> (any name), <c>*.example.com</c> (any name below it, not the name
/// itself), <c>example.com</c>, or an address range (<c>10.1.2.3</c>, <c>10.0.0.0/8</c>, <c>[::1]</c>, <c>[fc00::/7]</c>).
/// Ports: <c>443</c>, <c>8000-8100</c>, <c>*</c>, or none for any.
/// </summary>
public sealed class EgressRule
{
    private readonly string? _name;
    private readonly string? _suffix;

    private EgressRule(string text, string? name, string? suffix, IpNetwork? network, int minPort, int maxPort)
    {
        Text = text;
        _name = name;
        _suffix = suffix;
        Network = network;
        MinPort = minPort;
        MaxPort = maxPort;
    }

    /// <summary>The pattern as written (shown in 403 bodies and logs).</summary>
    public string Text { get; }

    /// <summary>The address range of an address rule, else null.</summary>
    public IpNetwork? Network { get; }

    /// <summary>Lowest port matched.</summary>
    public int MinPort { get; }

    /// <summary>Highest port matched.</summary>
    public int MaxPort { get; }

    /// <summary>Parses a pattern; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out EgressRule rule, out string error)
    {
        rule = null!;
        var pattern = (text ?? "").Trim();
        if (pattern.Length == 0)
        {
            error = "empty pattern";
            return false;
        }
        string host;
        string? port = null;
        if (pattern.StartsWith('['))
        {
            var close = pattern.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < pattern.Length && pattern[close + 1] != ':'))
            {
                error = $"'{pattern}': write IPv6 as [address] or [address/bits], then :port";
                return false;
            }
            host = pattern[1..close];
            port = close + 1 < pattern.Length ? pattern[(close + 2)..] : null;
        }
        else if (pattern.Count(c => c == ':') > 1)
        {
            error = $"'{pattern}': write IPv6 in brackets";
            return false;
        }
        else
        {
            var colon = pattern.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? pattern : pattern[..colon];
            port = colon < 0 ? null : pattern[(colon + 1)..];
        }
        if (!TryParsePorts(port, out var min, out var max))
        {
            error = $"'{pattern}': the port must be N, N-M or *";
            return false;
        }
        host = host.ToLowerInvariant().TrimEnd('.');
        if (IpNetwork.TryParse(host, out var network))
        {
            rule = new EgressRule(pattern, null, null, network, min, max);
        }
        else if (host == "*")
        {
            rule = new EgressRule(pattern, null, "", null, min, max);
        }
        else if (host.StartsWith("*.", StringComparison.Ordinal) && IsName(host[2..]))
        {
            rule = new EgressRule(pattern, null, host[1..], null, min, max);
        }
        else if (IsName(host) && !host.Split('.')[^1].All(char.IsAsciiDigit))
        {
            rule = new EgressRule(pattern, host, null, null, min, max);
        }
        else
        {
            error = $"'{pattern}': not a host name, wildcard or address range";
            return false;
        }
        error = "";
        return true;
    }

    /// <summary>True when the rule matches the requested host and port (names by name, IP literals by range or <c>*</c>).</summary>
    public bool Matches(ProxyTarget target)
    {
        if (target.Port < MinPort || target.Port > MaxPort)
        {
            return false;
        }
        if (target.Literal is { } literal)
        {
            // '*' covers literals too; their addresses are still checked (non-public ones need an address rule).
            return Network?.Contains(literal) == true || _suffix?.Length == 0;
        }
        return _name is not null ? _name == target.Host
            : _suffix is not null && (_suffix.Length == 0 || target.Host.EndsWith(_suffix, StringComparison.Ordinal));
    }

    /// <summary>True when this is an address rule covering <paramref name="address"/> on <paramref name="port"/>.</summary>
    public bool Covers(IPAddress address, int port) => Network is not null && port >= MinPort && port <= MaxPort && Network.Contains(address);

    /// <inheritdoc />
    public override string ToString() => Text;

    private static bool TryParsePorts(string? text, out int min, out int max)
    {
        (min, max) = (1, 65535);
        if (text is null || text == "*")
        {
            return true;
        }
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var ok = dash < 0
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out min) && (max = min) > 0
            : int.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out min)
              && int.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out max);
        return ok && min >= 1 && max <= 65535 && min <= max;
    }

    private static bool IsName(string host) =>
        host.Length is > 0 and <= 253 && host.Split('.').All(l => l.Length is > 0 and <= 63 && l.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
}
