namespace Overseer.Contracts.Signing;

/// <summary>The signing headers of one request.</summary>
/// <param name="TaskId">Task id.</param>
/// <param name="Attempt">Attempt number.</param>
/// <param name="Timestamp">Signing time as sent.</param>
/// <param name="Nonce">Value used once.</param>
/// <param name="Signature">Lowercase hex HMAC-SHA256.</param>
public sealed record SignedHeaders(Guid TaskId, int Attempt, string Timestamp, string Nonce, string Signature)
{
    /// <summary>Adds the five headers to <paramref name="headers"/>.</summary>
    public void ApplyTo(System.Net.Http.Headers.HttpRequestHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.TryAddWithoutValidation(SigningHeaders.TaskId, TaskId.ToString("D"));
        headers.TryAddWithoutValidation(SigningHeaders.Attempt, Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation(SigningHeaders.Timestamp, Timestamp);
        headers.TryAddWithoutValidation(SigningHeaders.Nonce, Nonce);
        headers.TryAddWithoutValidation(SigningHeaders.Signature, Signature);
    }
}
