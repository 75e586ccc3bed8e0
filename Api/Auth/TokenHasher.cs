using System.Security.Cryptography;
using System.Text;

namespace Overseer.Api.Auth;

/// <summary>API tokens are random 256-bit secrets, so a plain SHA-256 is a safe way to store them (no slow hash needed).</summary>
public static class TokenHasher
{
    /// <summary>Prefix of generated tokens, so leaked ones are easy to recognise.</summary>
    public const string Prefix = "ovr_";

    /// <summary>A new random token.</summary>
    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of a token.</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
