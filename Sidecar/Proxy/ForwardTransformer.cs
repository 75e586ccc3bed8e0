using Yarp.ReverseProxy.Forwarder;

namespace Overseer.Sidecar.Proxy;

/// <summary>
/// Shapes the upstream request of one forwarded call: the path and query exactly as the client sent them, the
/// target's authority as Host, no proxy credentials, no header the client named in <c>Connection</c>, no
/// <c>Expect</c> (Kestrel already answered 100-continue), and no <c>X-Forwarded-*</c> or trace headers added.
/// </summary>
internal sealed class ForwardTransformer(ProxyTarget target, string pathAndQuery) : HttpTransformer
{
    private static readonly UriCreationOptions RawPath = new() { DangerousDisablePathAndQueryCanonicalization = true };
    private static readonly string[] Dropped = ["Proxy-Authorization", "Proxy-Connection", "Keep-Alive", "Expect", "Connection"];

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix,
        CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.RequestUri = new Uri(destinationPrefix + pathAndQuery, RawPath);
        proxyRequest.Headers.Host = target.Authority;
        foreach (var name in Dropped.Concat(ConnectionOptions(httpContext.Request)))
        {
            proxyRequest.Headers.Remove(name);
            if (proxyRequest.Content?.Headers.NonValidated.Contains(name) == true)
            {
                proxyRequest.Content.Headers.Remove(name);
            }
        }
    }

    private static IEnumerable<string> ConnectionOptions(HttpRequest request) =>
        request.Headers.Connection.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
