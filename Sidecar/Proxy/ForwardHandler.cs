using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Overseer.Sidecar.Proxy;

/// <summary>
/// Every request Kestrel parsed on the proxy port: an absolute-form <c>http://</c> target (read from the raw target,
/// before anything normalizes it) is decided by <see cref="EgressPolicy"/> and forwarded by YARP's
/// <see cref="IHttpForwarder"/> to the address the policy checked. Refusals are 400 or 403 with the reason; an
/// upstream that cannot be reached is 502, one that does not answer in time 504. Every decision is logged and counted.
/// </summary>
internal sealed class ForwardHandler : IDisposable
{
    private const long DiscardBytes = 1024 * 1024;
    private static readonly TimeSpan DiscardTime = TimeSpan.FromSeconds(1);
    private readonly ProxyServices _services;
    private readonly IHttpForwarder _forwarder;
    private readonly HttpMessageInvoker _invoker;
    private readonly ForwarderRequestConfig _config;

    public ForwardHandler(ProxyServices services, IHttpForwarder forwarder, IOptions<ProxyOptions> options)
    {
        _services = services;
        _forwarder = forwarder;
        var settings = options.Value;
        var connector = services.Connector;
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
            ConnectTimeout = settings.ConnectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxResponseHeadersLength = Math.Max(64, settings.MaxHeaderBytes / 1024),
            // The URI holds the address the policy checked; a name here would mean a lookup after the decision.
            ConnectCallback = async (context, ct) => IPAddress.TryParse(context.DnsEndPoint.Host, out var address)
                ? await connector.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct)
                : throw new SocketException((int)SocketError.AccessDenied),
        }, disposeHandler: true);
        _config = new ForwarderRequestConfig
        {
            ActivityTimeout = settings.IdleTimeout,
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        if (HttpMethods.IsConnect(request.Method))
        {
            await RefuseConnectAsync(context, rawTarget);
            return;
        }
        if (BodyFramingProblem(request) is { } framing)
        {
            await RefuseAsync(context, 400, framing);
            return;
        }
        if (!TargetParser.TryParseAbsolute(rawTarget, out var target, out var pathAndQuery, out var error))
        {
            await RefuseAsync(context, 400, error);
            return;
        }
        var started = _services.Time.GetTimestamp();
        var decision = await _services.Policy.DecideAsync(target, context.RequestAborted);
        if (!decision.Allowed)
        {
            await DenyAsync(context, target, decision, "http");
            return;
        }
        var up = new CountingStream(request.Body);
        var down = new CountingStream(context.Response.Body);
        request.Body = up;
        context.Response.Body = down;
        var host = decision.Address!.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{decision.Address}]" : decision.Address.ToString();
        var transformer = new ForwardTransformer(target, pathAndQuery);
        var outcome = await _forwarder.SendAsync(context, FormattableString.Invariant($"http://{host}:{target.Port}"), _invoker, _config, transformer);
        var status = outcome == ForwarderError.None ? context.Response.StatusCode : await AnswerErrorAsync(context, target, outcome);
        var elapsed = _services.Time.GetElapsedTime(started);
        _services.Metrics.Decision(true, "http", up.Bytes, down.Bytes, elapsed.TotalSeconds);
        ProxyLog.Allowed(_services.Logger, "http", request.Method, target.Host, target.Port, decision.Address.ToString(), status, up.Bytes,
            down.Bytes, elapsed.TotalMilliseconds, decision.Rule);
    }

    public void Dispose() => _invoker.Dispose();

    /// <summary>Bodies whose end the upstream could read differently from Kestrel are refused (request smuggling).</summary>
    private static string? BodyFramingProblem(HttpRequest request)
    {
        var encoding = request.Headers.TransferEncoding;
        if (encoding.Count == 0)
        {
            return null;
        }
        // Kestrel keeps a Content-Length sent with Transfer-Encoding as X-Content-Length.
        if (request.Headers.ContentLength is not null || request.Headers.ContainsKey("X-Content-Length"))
        {
            return "both Content-Length and Transfer-Encoding are set";
        }
        return encoding.Count == 1 && string.Equals(encoding[0], "chunked", StringComparison.OrdinalIgnoreCase)
            ? null
            : "only 'Transfer-Encoding: chunked' is accepted";
    }

    private async Task<int> AnswerErrorAsync(HttpContext context, ProxyTarget target, ForwarderError outcome)
    {
        var failure = context.Features.Get<IForwarderErrorFeature>()?.Exception;
        ProxyLog.ForwardFailed(_services.Logger, target.Host, target.Port, outcome.ToString(), failure?.GetBaseException().Message ?? "");
        if (context.Response.HasStarted)
        {
            context.Abort();
            return context.Response.StatusCode;
        }
        var (status, message) = outcome switch
        {
            _ when Find<BadHttpRequestException>(failure) is { } bad => (400, bad.Message),
            ForwarderError.RequestTimedOut => (504, "the upstream did not answer in time"),
            ForwarderError.Request when Find<SocketException>(failure) is { } s => (502, $"upstream connection failed ({s.SocketErrorCode})"),
            ForwarderError.Request when Find<TimeoutException>(failure) is not null => (504, "the upstream did not answer in time"),
            ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient => (400, "the client went away"),
            _ => (502, "upstream request failed"),
        };
        await WriteAsync(context, status, message, close: true);
        return status;
    }

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }
        return null;
    }

    private async Task RefuseConnectAsync(HttpContext context, string rawTarget)
    {
        // Kestrel parsed this CONNECT because it was not the connection's first request: a tunnel needs a fresh connection.
        if (!TargetParser.TryParseAuthority(rawTarget, null, out var target, out var error))
        {
            await RefuseAsync(context, 400, error);
            return;
        }
        var decision = await _services.Policy.DecideAsync(target, context.RequestAborted);
        if (!decision.Allowed)
        {
            await DenyAsync(context, target, decision, "connect");
            return;
        }
        await RefuseAsync(context, 400, "a CONNECT tunnel must be the first request of its connection");
    }

    private async Task DenyAsync(HttpContext context, ProxyTarget target, EgressDecision decision, string kind)
    {
        _services.Metrics.Decision(false, kind, 0, 0, 0);
        ProxyLog.Denied(_services.Logger, kind, context.Request.Method, target.Host, target.Port, decision.Status, decision.Rule);
        // An unread body would have to be drained first: close instead.
        var close = kind == "connect" || HasUnreadBody(context.Request);
        await WriteAsync(context, decision.Status, decision.Status == 403 ? ProxyResponses.Denied(decision.Rule) : decision.Rule, close);
    }

    private async Task RefuseAsync(HttpContext context, int status, string reason)
    {
        ProxyLog.BadRequest(_services.Logger, status, reason);
        await WriteAsync(context, status, reason, close: true);
    }

    private async Task WriteAsync(HttpContext context, int status, string body, bool close)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (close)
        {
            context.Response.Headers.Connection = "close";
        }
        await context.Response.WriteAsync(body + "\n", context.RequestAborted);
        if (close && HasUnreadBody(context.Request))
        {
            await context.Response.CompleteAsync();
            await DiscardBodyAsync(context);
        }
    }

    /// <summary>
    /// Reads away what is left of a refused request's body for a moment, so the connection can close with a FIN
    /// after the answer (closing on unread bytes sends a reset, which can destroy the answer in flight); a body that
    /// does not end by then is cut off. Kestrel alone would wait up to 5 s for it.
    /// </summary>
    private async Task DiscardBodyAsync(HttpContext context)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var deadline = new CancellationTokenSource(DiscardTime, _services.Time);
            var left = DiscardBytes;
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, deadline.Token)) > 0)
            {
                if ((left -= read) <= 0)
                {
                    break;
                }
            }
            if (read == 0)
            {
                return;
            }
        }
        catch (BadHttpRequestException)
        {
            // A malformed body: Kestrel closes the connection itself after the answer.
            return;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // Cut off below.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        context.Abort();
    }

    private static bool HasUnreadBody(HttpRequest request) =>
        request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0;
}
