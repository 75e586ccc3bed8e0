using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Overseer.AppHost.Publish.Values;

/// <summary>
/// One <c>sidecar.allow</c> entry. The sidecar reads every form (host, <c>*.domain</c>, with or without <c>:port</c>);
/// publish also understands the address forms (<c>10.1.2.3</c>, <c>10.0.0.0/8:5432</c>, <c>[fd00::1]:443</c>,
/// <c>fd00::/8</c>) and opens them in the job pods' NetworkPolicy, which cannot name hosts.
/// </summary>
internal static partial class AllowEntry
{
    /// <summary>Ranges only <c>task.allowMetadataService</c> may open: link-local (incl. 169.254.169.254) and AWS's IPv6 metadata address.</summary>
    public static readonly IPNetwork[] MetadataRanges =
        [IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fd00:ec2::254/128")];

    /// <summary>The network and port of an address entry, or null for a host name.</summary>
    public static (IPNetwork Network, int? Port)? Address(string entry)
    {
        var match = V4().Match(entry);
        if (!match.Success)
        {
            match = V6().Match(entry);
        }
        if (!match.Success || !IPAddress.TryParse(match.Groups["ip"].Value, out var ip))
        {
            return null;
        }
        var bits = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        var length = match.Groups["len"].Success ? int.Parse(match.Groups["len"].Value, CultureInfo.InvariantCulture) : bits;
        if (length > bits)
        {
            return null;
        }
        int? port = match.Groups["port"].Success ? int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture) : null;
        // Host bits after the prefix ("10.0.0.1/8") are refused rather than guessing which network was meant.
        return IPNetwork.TryParse($"{ip}/{length}", out var network) && network.BaseAddress.Equals(ip) ? (network, port) : null;
    }

    /// <summary>An error for entries that look like addresses but are not valid, or that reach the metadata service.</summary>
    public static string? Check(string entry)
    {
        if (Names.Token(entry) is { } problem)
        {
            return problem;
        }
        var looksLikeAddress = V4().IsMatch(entry) || V6().IsMatch(entry);
        if (Address(entry) is not { } address)
        {
            return looksLikeAddress ? $"'{entry}' is not a valid address or network (host bits set, or a bad prefix length?)" : null;
        }
        if (address.Port is 0 or > 65535)
        {
            return $"'{entry}': port must be 1..65535";
        }
        return MetadataRanges.Any(r => Overlaps(r, address.Network))
            ? $"'{entry}' reaches link-local or cloud metadata addresses; only task.allowMetadataService may open those"
            : null;
    }

    public static bool Overlaps(IPNetwork a, IPNetwork b) =>
        a.BaseAddress.AddressFamily == b.BaseAddress.AddressFamily && (a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress));

    [GeneratedRegex(@"^(?<ip>[0-9]{1,3}(\.[0-9]{1,3}){3})(/(?<len>[0-9]{1,2}))?(:(?<port>[0-9]{1,5}))?$")]
    private static partial Regex V4();

    [GeneratedRegex(@"^(\[(?<ip>[0-9a-fA-F:.]+)\](:(?<port>[0-9]{1,5}))?|(?<ip>[0-9a-fA-F]*:[0-9a-fA-F:.]*)(/(?<len>[0-9]{1,3}))?)$")]
    private static partial Regex V6();
}
