namespace Overseer.Contracts.Signing;

/// <summary>HTTP headers of a signed sidecar-to-Api request (see <c>docs/result-signing.md</c>).</summary>
public static class SigningHeaders
{
    /// <summary>Task id, lowercase hyphenated UUID.</summary>
    public const string TaskId = "X-Overseer-Task";

    /// <summary>Attempt number, decimal without leading zeros.</summary>
    public const string Attempt = "X-Overseer-Attempt";

    /// <summary>Signing time, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public const string Timestamp = "X-Overseer-Timestamp";

    /// <summary>Random value used once, 16 to 64 characters of <c>[A-Za-z0-9_-]</c>.</summary>
    public const string Nonce = "X-Overseer-Nonce";

    /// <summary>Lowercase hex HMAC-SHA256 of the canonical string.</summary>
    public const string Signature = "X-Overseer-Signature";

    /// <summary>
    /// On every answer under <c>/internal/v1</c>: the Api's clock when it answered, ISO 8601 UTC with milliseconds
    /// (<c>yyyy-MM-ddTHH:mm:ss.fffZ</c>). Sidecars sign with it when their own clock is off.
    /// </summary>
    public const string ApiTime = "X-Overseer-Time";

    /// <summary>The format of <see cref="ApiTime"/>.</summary>
    public const string ApiTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
}
