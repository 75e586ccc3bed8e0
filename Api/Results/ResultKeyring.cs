using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Overseer.Contracts.Signing;

namespace Overseer.Api.Results;

/// <summary>Holds the master key and derives from it attempt keys (<see cref="AttemptKeys"/>) and enrollment tokens.</summary>
public sealed class ResultKeyring
{
    private readonly byte[] _master;
    private readonly byte[] _enrollmentKey;

    /// <summary>Loads the master key from <see cref="ResultsOptions"/>, or makes a random one (logged as a warning, never the value).</summary>
    public ResultKeyring(IOptions<ResultsOptions> options, ILogger<ResultKeyring> logger)
    {
        var settings = options.Value;
        var text = !string.IsNullOrWhiteSpace(settings.MasterKey)
            ? settings.MasterKey
            : !string.IsNullOrWhiteSpace(settings.MasterKeyFile) ? File.ReadAllText(settings.MasterKeyFile) : null;
        if (text is null)
        {
            ResultsLog.EphemeralMasterKey(logger);
            _master = RandomNumberGenerator.GetBytes(32);
        }
        else
        {
            _master = Decode(text.Trim());
        }
        _enrollmentKey = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _master, _enrollmentKey, "overseer-enrollment-v1"u8, "enrollment"u8);
    }

    /// <summary>The signing key of one attempt.</summary>
    public byte[] AttemptKey(Guid taskId, int attempt) => AttemptKeys.Derive(_master, taskId, attempt);

    /// <summary>A new one-time enrollment token for one attempt; give it only to that attempt's sidecar.</summary>
    public string MintEnrollmentToken(Guid taskId, int attempt) => EnrollmentTokens.Mint(_enrollmentKey, taskId, attempt);

    /// <summary>True when <paramref name="token"/> was minted for exactly this attempt; constant time.</summary>
    public bool IsEnrollmentToken(Guid taskId, int attempt, string? token) => EnrollmentTokens.Verify(_enrollmentKey, taskId, attempt, token);

    /// <summary>Decodes a master key given as base64 or base64url.</summary>
    internal static byte[] Decode(string text)
    {
        var normalized = text.Replace('-', '+').Replace('_', '/');
        normalized = normalized.PadRight(normalized.Length + ((4 - (normalized.Length % 4)) % 4), '=');
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(normalized);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Results:MasterKey is not base64.");
        }
        return bytes.Length >= 32 ? bytes : throw new InvalidOperationException("Results:MasterKey must hold at least 32 bytes.");
    }
}
