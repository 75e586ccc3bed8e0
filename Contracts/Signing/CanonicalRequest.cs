using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Overseer.Contracts.Signing;

/// <summary>
/// The string that is signed: eight lines joined by <c>\n</c> (no trailing newline): the scheme name, the method,
/// the path, the task id, the attempt, the timestamp, the nonce, and the lowercase hex SHA-256 of the body.
/// </summary>
public static class CanonicalRequest
{
    /// <summary>First line of every canonical string; a new scheme gets a new name.</summary>
    public const string Scheme = "OVERSEER-HMAC-SHA256-V1";

    /// <summary>Format of <see cref="SigningHeaders.Timestamp"/>.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Builds the canonical string of a request.</summary>
    public static string Build(string method, string path, Guid taskId, int attempt, string timestamp, string nonce, ReadOnlySpan<byte> body) =>
        Build(method, path, taskId, attempt, timestamp, nonce, BodyHash(body));

    /// <summary>Builds the canonical string from an already computed body hash (lowercase hex).</summary>
    public static string Build(string method, string path, Guid taskId, int attempt, string timestamp, string nonce, string bodyHashHex)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return string.Join('\n', Scheme, method.ToUpperInvariant(), path, taskId.ToString("D"),
            attempt.ToString(CultureInfo.InvariantCulture), timestamp, nonce, bodyHashHex);
    }

    /// <summary>Lowercase hex SHA-256 of <paramref name="body"/>.</summary>
    public static string BodyHash(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>The timestamp header value for <paramref name="at"/> (UTC, whole seconds).</summary>
    public static string FormatTimestamp(DateTimeOffset at) => at.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses a timestamp header value; only the exact <see cref="TimestampFormat"/> is accepted.</summary>
    public static bool TryParseTimestamp(string? value, out DateTimeOffset at) =>
        DateTimeOffset.TryParseExact(value, TimestampFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);

    /// <summary>True when <paramref name="nonce"/> has the allowed length and characters.</summary>
    public static bool IsValidNonce(string? nonce) =>
        nonce is { Length: >= 16 and <= 64 } && nonce.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>UTF-8 bytes of a canonical string (what the HMAC is computed over).</summary>
    public static byte[] Bytes(string canonical) => Encoding.UTF8.GetBytes(canonical);
}
