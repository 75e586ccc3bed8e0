using System.Security.Cryptography;
using System.Text;

namespace Overseer.Contracts.Signing;

/// <summary>
/// Per-(task, attempt) signing keys: HKDF-SHA256 of the Api's master key, salt <c>overseer-result-key-v1</c>,
/// info <c>{task id}/{attempt}</c>, 32 bytes. Only the Api holds the master key; a sidecar gets its one key by enrolling.
/// </summary>
public static class AttemptKeys
{
    private static readonly byte[] Salt = "overseer-result-key-v1"u8.ToArray();

    /// <summary>The key of (<paramref name="taskId"/>, <paramref name="attempt"/>).</summary>
    public static byte[] Derive(ReadOnlySpan<byte> masterKey, Guid taskId, int attempt)
    {
        if (masterKey.Length < 32)
        {
            throw new ArgumentException("The master key must be at least 32 bytes.", nameof(masterKey));
        }
        var info = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{taskId:D}/{attempt}"));
        var key = new byte[RequestSignature.KeyBytes];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, key, Salt, info);
        return key;
    }
}
