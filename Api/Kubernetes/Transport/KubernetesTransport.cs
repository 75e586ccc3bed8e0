using System.Net;
using System.Net.Http.Headers;
using Overseer.Api.Kubernetes.Config;
using Overseer.Api.Kubernetes.Errors;
using Overseer.Api.Kubernetes.Metrics;

namespace Overseer.Api.Kubernetes.Transport;

/// <summary>
/// Sends API requests: rate limiting, authentication, a timeout per try, retries with jitter, counting, and Status errors as
/// typed exceptions. Which failures are retried:
/// <list type="bullet">
/// <item>429 with <c>Retry-After</c>, any verb: the server did not process the request;</item>
/// <item>other 429s, 5xx, timeouts and broken connections: idempotent verbs only (a POST may have been applied);</item>
/// <item>a connection that could not be opened: any verb (nothing was sent).</item>
/// </list>
/// </summary>
public sealed class KubernetesTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly KubernetesClientConfiguration _config;
    private readonly KubernetesOptions _options;
    private readonly TokenBucketRateLimiter _limiter;
    private readonly KubernetesMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Random _random = new();

    /// <summary>Creates the transport; <paramref name="handler"/> defaults to one built from <paramref name="config"/>.</summary>
    public KubernetesTransport(KubernetesClientConfiguration config, KubernetesOptions options, KubernetesMetrics metrics, TimeProvider time,
        ILogger logger, HttpMessageHandler? handler = null)
    {
        _config = config;
        _options = options;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _limiter = new TokenBucketRateLimiter(options.Qps, options.Burst, time);
        _http = new HttpClient(handler ?? KubernetesHttpHandler.Create(config)) { BaseAddress = config.Server, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The client's configuration.</summary>
    public KubernetesClientConfiguration Configuration => _config;

    /// <summary>The client's options.</summary>
    public KubernetesOptions Options => _options;

    /// <summary>Sends a request and returns the whole body of a successful answer.</summary>
    public async Task<byte[]> SendAsync(KubernetesRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(request, streaming: false, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>Sends a request whose answer is a stream (watch, followed logs); only the wait for the headers has a timeout.</summary>
    public Task<HttpResponseMessage> OpenStreamAsync(KubernetesRequest request, CancellationToken cancellationToken) =>
        SendCoreAsync(request, streaming: true, cancellationToken);

    private async Task<HttpResponseMessage> SendCoreAsync(KubernetesRequest request, bool streaming, CancellationToken cancellationToken)
    {
        var refreshedCredentials = false;
        for (var retry = 0; ; retry++)
        {
            var waited = await _limiter.AcquireAsync(cancellationToken);
            if (waited > TimeSpan.Zero)
            {
                _metrics.Throttled(waited);
            }
            var started = _time.GetTimestamp();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            HttpResponseMessage? response = null;
            Exception? failure;
            var mayRetry = false;
            TimeSpan? retryAfter = null;
            try
            {
                using var message = await BuildAsync(request, cancellationToken);
                response = await _http.SendAsync(message, streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead,
                    timeout.Token);
                _metrics.Request(request.Verb, request.Resource, (int)response.StatusCode, _time.GetElapsedTime(started));
                if (response.IsSuccessStatusCode)
                {
                    return response;
                }
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                retryAfter = RetryDelays.RetryAfter(response.Headers, _time.GetUtcNow());
                failure = StatusErrors.FromResponse(response.StatusCode, body, retryAfter, request.Describe);
                var code = (int)response.StatusCode;
                if (code == 401 && !refreshedCredentials && _config.Credentials?.Invalidate() == true)
                {
                    refreshedCredentials = true;
                    KubernetesLog.RefreshingCredentials(_logger, request.Verb, request.Resource);
                    response.Dispose();
                    retry--;
                    continue;
                }
                mayRetry = (code == 429 && retryAfter is not null) || ((code == 429 || code >= 500) && request.IsIdempotent);
                response.Dispose();
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                response?.Dispose();
                _metrics.Request(request.Verb, request.Resource, 0, _time.GetElapsedTime(started));
                failure = new KubernetesUnavailableException(
                    $"{request.Describe}: no answer within {_options.RequestTimeout.TotalSeconds:0.#}s from {_config.Server}", e);
                mayRetry = request.IsIdempotent;
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                response?.Dispose();
                _metrics.Request(request.Verb, request.Resource, 0, _time.GetElapsedTime(started));
                failure = new KubernetesUnavailableException($"{request.Describe}: {_config.Server} could not be reached: {e.Message}", e);
                mayRetry = e switch
                {
                    HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => false, // a TLS failure repeats
                    HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => true,
                    _ => request.IsIdempotent,
                };
            }
            if (!mayRetry || retry >= _options.MaxRetries)
            {
                throw failure;
            }
            var delay = RetryDelays.Next(retry + 1, retryAfter, _options.RetryBaseDelay, _options.RetryMaxDelay, _random);
            KubernetesLog.Retrying(_logger, request.Verb, request.Resource, Describe(failure), retry + 1, _options.MaxRetries,
                (long)delay.TotalMilliseconds);
            _metrics.Retry(request.Verb, request.Resource);
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    private async Task<HttpRequestMessage> BuildAsync(KubernetesRequest request, CancellationToken cancellationToken)
    {
        var message = new HttpRequestMessage(request.Method, request.PathAndQuery);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Headers.UserAgent.Add(new ProductInfoHeaderValue("overseer", "1.0"));
        if (_config.Credentials is { } credentials)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await credentials.GetTokenAsync(cancellationToken));
        }
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType);
        }
        return message;
    }

    private static string Describe(Exception failure) => failure switch
    {
        KubernetesException { StatusCode: not 0 } k => $"{(int)k.StatusCode} {k.Reason ?? k.StatusCode.ToString()}",
        _ => failure.InnerException?.Message ?? failure.Message,
    };

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
