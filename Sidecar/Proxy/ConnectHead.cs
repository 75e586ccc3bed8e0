using System.Text;

namespace Overseer.Sidecar.Proxy;

/// <summary>
/// Checks a CONNECT request head (the one request Kestrel does not parse for the proxy) and takes its target:
/// <c>CONNECT host:port HTTP/1.1</c>, CRLF line ends only, header lines <c>name: value</c> with a token name, no
/// folding, no control characters. The headers are not used.
/// </summary>
internal static class ConnectHead
{
    /// <summary>Parses <paramref name="head"/> (up to and including its empty line).</summary>
    public static bool TryParse(ReadOnlySpan<byte> head, out string target, out string error)
    {
        target = "";
        for (var i = 0; i < head.Length; i++)
        {
            var b = head[i];
            if (b == '\n' && (i == 0 || head[i - 1] != '\r'))
            {
                error = "a line ends with a bare LF";
                return false;
            }
            if (b == '\r' && (i + 1 >= head.Length || head[i + 1] != '\n'))
            {
                error = "a bare CR in the request head";
                return false;
            }
            if (b is (< 0x20 and not (byte)'\r' and not (byte)'\n' and not (byte)'\t') or 0x7f)
            {
                error = "a control character in the request head";
                return false;
            }
        }
        var text = Encoding.Latin1.GetString(head);
        var lines = text.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || parts[0] != "CONNECT" || parts[1].Length == 0 || parts[2] is not ("HTTP/1.1" or "HTTP/1.0"))
        {
            error = "the request line is not 'CONNECT host:port HTTP/1.1'";
            return false;
        }
        foreach (var line in lines.Skip(1).TakeWhile(l => l.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !line[..colon].All(IsTokenChar))
            {
                error = line[0] is ' ' or '\t' ? "folded header lines are not accepted" : "a header line is not 'name: value'";
                return false;
            }
        }
        target = parts[1];
        error = "";
        return true;
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
