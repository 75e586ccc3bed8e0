using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Overseer.Contracts.Signing;

namespace Overseer.Sidecar.Relay;

/// <summary>
/// Talks to the Api's <c>/internal/v1</c> endpoints: enrollment (token in the body) and signed posts (a fresh
/// timestamp and nonce on every try). Never goes through a proxy, whatever the environment says.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    public ApiClient(IConfiguration configuration, IOptions<RelayOptions> options, TimeProvider time)
    {
        _time = time;
        BaseAddress = configuration["services:api:http:0"] is { Length: > 0 } api ? new Uri(api.TrimEnd('/') + "/") : null;
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectTimeout = options.Value.RequestTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        {
            BaseAddress = BaseAddress,
            Timeout = options.Value.RequestTimeout,
        };
    }

    /// <summary>The Api's base address, or null when not configured.</summary>
    public Uri? BaseAddress { get; }

    /// <summary>Exchanges an enrollment token for the attempt key.</summary>
    public async Task<(ApiOutcome Outcome, EnrollmentResponse? Answer)> EnrollAsync(EnrollmentRequest request, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, SigningJsonContext.Default.EnrollmentRequest);
        var outcome = await SendAsync(InternalPaths.Enrollments, body, null, ct);
        if (outcome.Kind != ApiOutcomeKind.Accepted)
        {
            return (outcome, null);
        }
        try
        {
            var answer = JsonSerializer.Deserialize(outcome.Body, SigningJsonContext.Default.EnrollmentResponse);
            return answer is not null && Base64Url.TryDecode(answer.Key, out var key) && key.Length == RequestSignature.KeyBytes
                ? (outcome, answer)
                : (outcome with { Kind = ApiOutcomeKind.Refused, Detail = "the enrollment answer holds no valid key" }, null);
        }
        catch (JsonException)
        {
            return (outcome with { Kind = ApiOutcomeKind.Refused, Detail = "the enrollment answer is not JSON" }, null);
        }
    }

    /// <summary>Posts <paramref name="body"/> to <paramref name="path"/>, signed with the attempt key.</summary>
    public Task<ApiOutcome> SendSignedAsync(string path, byte[] key, Guid taskId, int attempt, byte[] body, CancellationToken ct) =>
        SendAsync(path, body, RequestSigner.Sign(key, "POST", path, taskId, attempt, _time.GetUtcNow(), body), ct);

    public void Dispose() => _http.Dispose();

    private async Task<ApiOutcome> SendAsync(string path, byte[] body, SignedHeaders? signature, CancellationToken ct)
    {
        if (BaseAddress is null)
        {
            return new ApiOutcome(ApiOutcomeKind.Refused, 0, "services:api:http:0 is not set");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/'));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        signature?.ApplyTo(request.Headers);
        try
        {
            using var response = await _http.SendAsync(request, ct);
            var answer = await response.Content.ReadAsByteArrayAsync(ct);
            var status = (int)response.StatusCode;
            var kind = response.IsSuccessStatusCode ? ApiOutcomeKind.Accepted
                : status is 408 or 429 || status >= 500 ? ApiOutcomeKind.Unavailable
                : ApiOutcomeKind.Refused;
            return new ApiOutcome(kind, status, kind == ApiOutcomeKind.Accepted ? "" : Detail(answer, response.StatusCode), answer);
        }
        catch (HttpRequestException e)
        {
            return new ApiOutcome(ApiOutcomeKind.Unavailable, 0, e.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ApiOutcome(ApiOutcomeKind.Unavailable, 0, "timeout");
        }
    }

    private static string Detail(byte[] answer, HttpStatusCode status)
    {
        try
        {
            using var problem = JsonDocument.Parse(answer);
            if (problem.RootElement.ValueKind == JsonValueKind.Object)
            {
                var title = problem.RootElement.TryGetProperty("title", out var t) ? t.GetString() : null;
                var detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
                return string.Join(": ", new[] { title, detail }.Where(s => !string.IsNullOrEmpty(s)));
            }
        }
        catch (JsonException)
        {
            // Not a problem document.
        }
        return status.ToString();
    }
}
