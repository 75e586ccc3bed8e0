using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Overseer.Contracts.Signing;

namespace Overseer.Api.Results;

/// <summary>
/// Checks a signed request: headers well formed, timestamp within <see cref="ResultsOptions.ClockSkew"/>, body within
/// <see cref="ResultsOptions.MaxBodyBytes"/>, and the HMAC under the attempt's key (constant-time comparison).
/// </summary>
internal sealed class SignedRequestVerifier(ResultKeyring keys, IOptions<ResultsOptions> options, TimeProvider time, ResultsMetrics metrics,
    ILogger<SignedRequestVerifier> logger)
{
    /// <summary>The verified request, or the problem to answer with.</summary>
    public async Task<(SignedRequest? Request, IResult? Failure)> VerifyAsync(HttpRequest request, CancellationToken ct)
    {
        var settings = options.Value;
        var headers = request.Headers;
        if (!Guid.TryParseExact(headers[SigningHeaders.TaskId].ToString(), "D", out var taskId)
            || taskId.ToString("D") != headers[SigningHeaders.TaskId].ToString()
            || !TryParseAttempt(headers[SigningHeaders.Attempt].ToString(), out var attempt)
            || !CanonicalRequest.TryParseTimestamp(headers[SigningHeaders.Timestamp].ToString(), out var signedAt)
            || !CanonicalRequest.IsValidNonce(headers[SigningHeaders.Nonce].ToString())
            || headers[SigningHeaders.Signature].Count != 1)
        {
            return Reject("malformed", null, 0, "The signing headers are missing or malformed; see docs/result-signing.md.");
        }
        var skew = (time.GetUtcNow() - signedAt).Duration();
        if (skew > settings.ClockSkew)
        {
            return Reject("timestamp", taskId, attempt,
                $"The signed timestamp is {skew.TotalSeconds:0}s away from the Api's clock (at most {settings.ClockSkew.TotalSeconds:0}s is accepted).");
        }
        var body = await ReadBodyAsync(request, settings.MaxBodyBytes, ct);
        if (body is null)
        {
            metrics.Rejected("too-large");
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large",
                detail: $"At most {settings.MaxBodyBytes} bytes are accepted."));
        }
        var bodyHash = SHA256.HashData(body);
        var nonce = headers[SigningHeaders.Nonce].ToString();
        var canonical = CanonicalRequest.Build(request.Method, request.Path.Value ?? "", taskId, attempt,
            headers[SigningHeaders.Timestamp].ToString(), nonce, Convert.ToHexStringLower(bodyHash));
        var key = keys.AttemptKey(taskId, attempt);
        try
        {
            if (!RequestSignature.Verify(key, canonical, headers[SigningHeaders.Signature].ToString()))
            {
                return Reject("signature", taskId, attempt, "The signature does not match.");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
        return (new SignedRequest(taskId, attempt, nonce, signedAt, body, bodyHash), null);
    }

    /// <summary>A 401 with a short reason, counted and logged (never with secrets).</summary>
    public (SignedRequest?, IResult?) Reject(string reason, Guid? taskId, int attempt, string detail)
    {
        metrics.Rejected(reason);
        ResultsLog.Rejected(logger, reason, taskId, attempt);
        return (null, TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Signature rejected", detail: detail));
    }

    private static bool TryParseAttempt(string text, out int attempt) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out attempt) && attempt >= 1
        && attempt.ToString(CultureInfo.InvariantCulture) == text;

    /// <summary>Reads the whole body, or answers null when it is longer than <paramref name="limit"/>.</summary>
    internal static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }
        using var buffer = new MemoryStream(request.ContentLength is { } known ? (int)known : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
