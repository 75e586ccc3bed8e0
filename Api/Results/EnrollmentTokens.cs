using System.Security.Cryptography;
using System.Text;
using Overseer.Contracts.Signing;

namespace Overseer.Api.Results;

/// <summary>
/// Enrollment tokens are <c>ovre_</c> + base64url(16 random bytes + the first 16 bytes of
/// HMAC-SHA256(enrollment key, "{task}/{attempt}/" + the random bytes)). They are checked without a lookup, so minting
/// one costs no database write; the one-time rule is kept by <c>result_enrollments</c> (one row per attempt).
/// </summary>
internal static class EnrollmentTokens
{
    private const string Prefix = "ovre_";

    public static string Mint(ReadOnlySpan<byte> enrollmentKey, Guid taskId, int attempt)
    {
        Span<byte> token = stackalloc byte[32];
        RandomNumberGenerator.Fill(token[..16]);
        Tag(enrollmentKey, taskId, attempt, token[..16], token[16..]);
        return Prefix + Base64Url.Encode(token);
    }

    public static bool Verify(ReadOnlySpan<byte> enrollmentKey, Guid taskId, int attempt, string? token)
    {
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal)
            || !Base64Url.TryDecode(token[Prefix.Length..], out var bytes) || bytes.Length != 32)
        {
            return false;
        }
        Span<byte> expected = stackalloc byte[16];
        Tag(enrollmentKey, taskId, attempt, bytes.AsSpan(0, 16), expected);
        return CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(16));
    }

    private static void Tag(ReadOnlySpan<byte> key, Guid taskId, int attempt, ReadOnlySpan<byte> random, Span<byte> into)
    {
        var scope = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{taskId:D}/{attempt}/"));
        var message = new byte[scope.Length + random.Length];
        scope.CopyTo(message, 0);
        random.CopyTo(message.AsSpan(scope.Length));
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, message, mac);
        mac[..into.Length].CopyTo(into);
    }
}
