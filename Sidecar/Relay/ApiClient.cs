using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Overseer.Contracts.Signing;

namespace Overseer.Sidecar.Relay;

/// <summary>
/// Talks to the Api's <c>/internal/v1</c> endpoints: enrollment (token in the body) and signed posts (a fresh
/// timestamp and nonce on every try). Never goes through a proxy, whatever the environment says. Signs with the Api's
/// time: every answer's <c>X-Overseer-Time</c> (or <c>Date</c>) header tells how far this machine's clock is off, and when that is more than
/// <see cref="SkewTolerance"/> the difference is added (a signed post refused while the correction changed is signed
/// and sent once more), so a skewed sidecar clock, or an Api clock that jumped, does not make results unacceptable.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    /// <summary>A difference the <c>Date</c> header's one-second resolution and the answer's travel time cannot explain.</summary>
    public static readonly TimeSpan SkewTolerance = TimeSpan.FromSeconds(15);

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger<ApiClient> _logger;
    private long _correctionTicks;

    public ApiClient(IConfiguration configuration, IOptions<RelayOptions> options, TimeProvider time, ILogger<ApiClient> logger)
    {
        _time = time;
        _logger = logger;
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

    /// <summary>What is added to this machine's clock to get the Api's, as learned from its answers.</summary>
    public TimeSpan ClockCorrection => TimeSpan.FromTicks(Interlocked.Read(ref _correctionTicks));

    /// <summary>Posts <paramref name="body"/> to <paramref name="path"/>, signed with the attempt key.</summary>
    public async Task<ApiOutcome> SendSignedAsync(string path, byte[] key, Guid taskId, int attempt, byte[] body, CancellationToken ct)
    {
        var correction = ClockCorrection;
        var outcome = await SendAsync(path, body, RequestSigner.Sign(key, "POST", path, taskId, attempt, _time.GetUtcNow() + correction, body), ct);
        if (outcome.Status == StatusCodes.Status401Unauthorized && ClockCorrection != correction)
        {
            // Signed with a clock the answer showed to be off: sign with the corrected one.
            outcome = await SendAsync(path, body, RequestSigner.Sign(key, "POST", path, taskId, attempt, _time.GetUtcNow() + ClockCorrection, body), ct);
        }
        return outcome;
    }

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
            Learn(ApiTime(response));
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

    /// <summary>The Api's clock from its <c>X-Overseer-Time</c> header, or else from <c>Date</c>.</summary>
    private static DateTimeOffset? ApiTime(HttpResponseMessage response) =>
        response.Headers.TryGetValues(SigningHeaders.ApiTime, out var values)
            && DateTimeOffset.TryParseExact(values.FirstOrDefault(), SigningHeaders.ApiTimeFormat, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : response.Headers.Date;

    private void Learn(DateTimeOffset? apiDate)
    {
        if (apiDate is not { } date)
        {
            return;
        }
        var correction = ClockCorrection;
        var off = date - (_time.GetUtcNow() + correction);
        if (off.Duration() > SkewTolerance)
        {
            Interlocked.Exchange(ref _correctionTicks, (correction + off).Ticks);
            RelayLog.ClockCorrected(_logger, (correction + off).TotalSeconds);
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
