using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Overseer.Sidecar.Proxy;

/// <summary>
/// Forwards absolute-form requests with a pooled <see cref="SocketsHttpHandler"/> whose connect path goes through
/// <see cref="IUpstreamConnector"/>, to the address the policy checked (the URI holds that address; the Host header
/// keeps the name). Paths are passed as sent; hop-by-hop headers are dropped both ways; no trace headers are added.
/// </summary>
internal sealed class HttpForwarder : IDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "Proxy-Authenticate", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Host", "Content-Length", "Expect",
    };

    private static readonly UriCreationOptions RawPath = new() { DangerousDisablePathAndQueryCanonicalization = true };
    private readonly HttpMessageInvoker _invoker;

    public HttpForwarder(IUpstreamConnector connector, IOptions<ProxyOptions> options)
    {
        var settings = options.Value;
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
            ConnectCallback = async (context, ct) =>
                await connector.ConnectAsync(new IPEndPoint(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port), ct),
        }, disposeHandler: true);
    }

    /// <summary>Sends <paramref name="head"/> (and its body, read from <paramref name="reader"/>) to <paramref name="address"/> and streams the answer back.</summary>
    public async Task<ForwardResult> ForwardAsync(RequestHead head, ProxyTarget target, string pathAndQuery, IPAddress address,
        ConnectionReader reader, Stream client, byte[] buffer, CancellationToken ct)
    {
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Parse(head.Method),
            new Uri(FormattableString.Invariant($"http://{host}:{target.Port}{pathAndQuery}"), RawPath))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Host = target.Authority;
        var body = CreateBody(head, reader, ct, out var bodyStream);
        request.Content = body;
        foreach (var (name, value) in head.Headers)
        {
            if (HopByHop.Contains(name) || head.ConnectionOptions.Contains(name))
            {
                continue;
            }
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                body?.Headers.TryAddWithoutValidation(name, value);
            }
        }
        if (head.ExpectContinue && head.HasBody)
        {
            await client.WriteAsync(ProxyResponses.Continue, ct);
        }
        var receivedBefore = reader.BytesReceived;
        HttpResponseMessage response;
        try
        {
            response = await _invoker.SendAsync(request, ct);
        }
        catch (HttpRequestException e) when (!ct.IsCancellationRequested)
        {
            var (status, message) = e.InnerException is OperationCanceledException or TimeoutException
                ? (504, "the upstream did not answer in time")
                : (502, e.InnerException is SocketException s ? $"upstream connection failed ({s.SocketErrorCode})" : "upstream request failed");
            await ProxyResponses.WriteAsync(client, status, message, close: true, ct);
            return new ForwardResult(status, 0, 0, KeepAlive: false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await ProxyResponses.WriteAsync(client, 504, "the upstream did not answer in time", close: true, ct);
            return new ForwardResult(504, 0, 0, KeepAlive: false);
        }
        using (response)
        {
            var keepAlive = head.Http11 && !head.Close && BodyComplete(bodyStream, head);
            var downstream = await WriteResponseAsync(head, response, client, buffer, keepAlive, ct);
            return new ForwardResult((int)response.StatusCode, reader.BytesReceived - receivedBefore, downstream.Bytes, downstream.KeepAlive);
        }
    }

    public void Dispose() => _invoker.Dispose();

    private static HttpContent? CreateBody(RequestHead head, ConnectionReader reader, CancellationToken ct, out Stream? stream)
    {
        stream = null;
        if (head.Chunked)
        {
            stream = new ChunkedBodyStream(reader, ct);
            return new StreamContent(stream);
        }
        if (head.ContentLength is not { } length)
        {
            return null;
        }
        if (length == 0)
        {
            return new ByteArrayContent([]);
        }
        stream = new FixedLengthBodyStream(reader, length, ct);
        var content = new StreamContent(stream);
        content.Headers.ContentLength = length;
        return content;
    }

    private static bool BodyComplete(Stream? stream, RequestHead head) => stream switch
    {
        null => true,
        FixedLengthBodyStream fixedLength => fixedLength.Complete,
        ChunkedBodyStream chunked => chunked.Complete,
        _ => !head.HasBody,
    };

    private static async Task<(long Bytes, bool KeepAlive)> WriteResponseAsync(RequestHead head, HttpResponseMessage response, Stream client,
        byte[] buffer, bool keepAlive, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var noBody = head.Method == "HEAD" || status is (>= 100 and < 200) or 204 or 304;
        var length = response.Content.Headers.ContentLength;
        var chunked = !noBody && length is null && head.Http11;
        keepAlive &= noBody || length is not null || chunked;
        var (headLength, grown) = BuildHead(response, noBody, length, chunked, keepAlive, buffer);
        long written = 0;
        if (grown is not null)
        {
            await client.WriteAsync(grown.AsMemory(0, headLength), ct);
            written = headLength;
            headLength = 0;
        }
        if (noBody)
        {
            await client.WriteAsync(buffer.AsMemory(0, headLength), ct);
            return (written + headLength, keepAlive);
        }
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        if (chunked)
        {
            return (written + await CopyChunkedAsync(body, client, buffer, headLength, ct), keepAlive);
        }
        var remaining = length ?? long.MaxValue;
        var pending = headLength;
        while (true)
        {
            var read = remaining == 0 ? 0 : await body.ReadAsync(buffer.AsMemory(pending, (int)Math.Min(buffer.Length - pending, remaining)), ct);
            remaining -= read;
            pending += read;
            if (pending > 0)
            {
                await client.WriteAsync(buffer.AsMemory(0, pending), ct);
                written += pending;
                pending = 0;
            }
            if (read == 0)
            {
                if (remaining != 0 && length is not null)
                {
                    throw new IOException("The upstream closed before sending the whole body.");
                }
                return (written, keepAlive);
            }
        }
    }

    private static async Task<long> CopyChunkedAsync(Stream body, Stream client, byte[] buffer, int headLength, CancellationToken ct)
    {
        // Each chunk goes out in one write: its size line is written in front of the data, its CRLF after it.
        const int room = 10;
        var written = 0L;
        if (headLength > 0)
        {
            await client.WriteAsync(buffer.AsMemory(0, headLength), ct);
            written += headLength;
        }
        while (true)
        {
            var read = await body.ReadAsync(buffer.AsMemory(room, buffer.Length - room - 2), ct);
            if (read == 0)
            {
                await client.WriteAsync("0\r\n\r\n"u8.ToArray(), ct);
                return written + 5;
            }
            var size = read.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\r\n";
            var start = room - size.Length;
            System.Text.Encoding.Latin1.GetBytes(size, buffer.AsSpan(start));
            buffer[room + read] = (byte)'\r';
            buffer[room + read + 1] = (byte)'\n';
            await client.WriteAsync(buffer.AsMemory(start, size.Length + read + 2), ct);
            written += size.Length + read + 2;
        }
    }

    private static (int Length, byte[]? Grown) BuildHead(HttpResponseMessage response, bool noBody, long? length, bool chunked, bool keepAlive, byte[] buffer)
    {
        var head = new HeadBuilder(buffer.AsSpan(0, buffer.Length / 2));
        head.Append("HTTP/1.1 "u8);
        head.Append((int)response.StatusCode);
        head.Append(" "u8);
        head.Append(response.ReasonPhrase ?? "");
        head.Append("\r\n"u8);
        AppendHeaders(ref head, response.Headers.NonValidated);
        AppendHeaders(ref head, response.Content.Headers.NonValidated);
        if (length is { } known && (!noBody || response.Content.Headers.NonValidated.Contains("Content-Length")))
        {
            head.Append("Content-Length: "u8);
            head.Append(known);
            head.Append("\r\n"u8);
        }
        if (chunked)
        {
            head.Append("Transfer-Encoding: chunked\r\n"u8);
        }
        if (!keepAlive)
        {
            head.Append("Connection: close\r\n"u8);
        }
        head.Append("\r\n"u8);
        return (head.Length, head.Grown);
    }

    private static void AppendHeaders(ref HeadBuilder head, HttpHeadersNonValidated headers)
    {
        foreach (var (name, values) in headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }
            foreach (var value in values)
            {
                head.Header(name, value);
            }
        }
    }
}
