using System.Globalization;
using System.Text;

namespace Overseer.Sidecar.Proxy;

/// <summary>
/// Parses HTTP/1.x request heads strictly: no whitespace before colons, no folded lines, no control characters,
/// one framing (Content-Length or chunked, never both, no conflicting lengths), so requests cannot be smuggled.
/// </summary>
internal static class RequestHeadParser
{
    private const int MaxHeaders = 128;

    public static bool TryParse(ReadOnlySpan<byte> head, out RequestHead parsed, out string error)
    {
        parsed = null!;
        var text = Encoding.Latin1.GetString(head[..^4]);
        var lines = text.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || requestLine[0].Length is 0 or > 20 || !requestLine[0].All(char.IsAsciiLetterUpper)
            || requestLine[1].Length == 0 || requestLine[1].Any(c => c <= ' ' || c >= 0x7F))
        {
            error = "malformed request line";
            return false;
        }
        if (requestLine[2] is not ("HTTP/1.1" or "HTTP/1.0"))
        {
            error = "only HTTP/1.0 and HTTP/1.1 are supported";
            return false;
        }
        if (lines.Length - 1 > MaxHeaders)
        {
            error = "too many headers";
            return false;
        }
        var headers = new List<KeyValuePair<string, string>>(lines.Length - 1);
        var options = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long? contentLength = null;
        var (chunked, close, expect, transferEncoding) = (false, requestLine[2] == "HTTP/1.0", false, false);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !IsToken(line.AsSpan(0, colon)))
            {
                error = "malformed header line";
                return false;
            }
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(' ', '\t');
            if (value.Any(c => (c < ' ' && c != '\t') || c == 0x7F))
            {
                error = "control character in a header value";
                return false;
            }
            headers.Add(new(name, value));
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || (contentLength is { } seen && seen != length))
                {
                    error = "invalid or conflicting Content-Length";
                    return false;
                }
                contentLength = length;
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                if (transferEncoding || !value.Equals("chunked", StringComparison.OrdinalIgnoreCase))
                {
                    error = "only 'Transfer-Encoding: chunked' is supported";
                    return false;
                }
                transferEncoding = chunked = true;
            }
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Proxy-Connection", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var token in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    close |= token.Equals("close", StringComparison.OrdinalIgnoreCase);
                    options.Add(token);
                }
            }
            else if (name.Equals("Expect", StringComparison.OrdinalIgnoreCase))
            {
                expect = value.Equals("100-continue", StringComparison.OrdinalIgnoreCase);
            }
        }
        if (chunked && contentLength is not null)
        {
            error = "both Content-Length and Transfer-Encoding";
            return false;
        }
        parsed = new RequestHead
        {
            Method = requestLine[0],
            Target = requestLine[1],
            Http11 = requestLine[2] == "HTTP/1.1",
            Headers = headers,
            ContentLength = contentLength,
            Chunked = chunked,
            Close = close,
            ExpectContinue = expect,
            ConnectionOptions = options,
        };
        error = "";
        return true;
    }

    private static bool IsToken(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c)))
            {
                return false;
            }
        }
        return true;
    }
}
