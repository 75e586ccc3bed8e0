using System.Security.Cryptography;

namespace Overseer.Contracts.Signing;

/// <summary>Signs requests with an attempt key. Every call uses a fresh nonce, so retries are never replays.</summary>
public static class RequestSigner
{
    /// <summary>Signs <paramref name="body"/> sent as <paramref name="method"/> <paramref name="path"/> at <paramref name="now"/>.</summary>
    public static SignedHeaders Sign(ReadOnlySpan<byte> key, string method, string path, Guid taskId, int attempt, DateTimeOffset now,
        ReadOnlySpan<byte> body) => Sign(key, method, path, taskId, attempt, CanonicalRequest.FormatTimestamp(now), NewNonce(), body);

    /// <summary>Signs with a given timestamp and nonce (test vectors, other runtimes' conformance checks).</summary>
    public static SignedHeaders Sign(ReadOnlySpan<byte> key, string method, string path, Guid taskId, int attempt, string timestamp,
        string nonce, ReadOnlySpan<byte> body)
    {
        var canonical = CanonicalRequest.Build(method, path, taskId, attempt, timestamp, nonce, body);
        return new SignedHeaders(taskId, attempt, timestamp, nonce, RequestSignature.Compute(key, canonical));
    }

    /// <summary>A new random nonce: 16 random bytes, base64url without padding (22 characters).</summary>
    public static string NewNonce() => Base64Url.Encode(RandomNumberGenerator.GetBytes(16));
}
