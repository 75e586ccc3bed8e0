using System.Security.Cryptography;

namespace Overseer.Contracts.Signing;

/// <summary>HMAC-SHA256 signatures over canonical strings, compared in constant time.</summary>
public static class RequestSignature
{
    /// <summary>Length of attempt keys in bytes.</summary>
    public const int KeyBytes = 32;

    /// <summary>Lowercase hex HMAC-SHA256 of <paramref name="canonical"/> under <paramref name="key"/>.</summary>
    public static string Compute(ReadOnlySpan<byte> key, string canonical) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, CanonicalRequest.Bytes(canonical)));

    /// <summary>True when <paramref name="signatureHex"/> is the signature of <paramref name="canonical"/>; constant time.</summary>
    public static bool Verify(ReadOnlySpan<byte> key, string canonical, string? signatureHex)
    {
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(key, CanonicalRequest.Bytes(canonical), expected);
        Span<byte> given = stackalloc byte[32];
        if (signatureHex is not { Length: 64 } || !TryDecodeLowerHex(signatureHex, given))
        {
            // Still compare, so a malformed header costs the same as a wrong one.
            CryptographicOperations.FixedTimeEquals(expected, expected);
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static bool TryDecodeLowerHex(string hex, Span<byte> into)
    {
        foreach (var c in hex)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }
        return Convert.FromHexString(hex, into, out _, out var written) == System.Buffers.OperationStatus.Done && written == into.Length;
    }
}
