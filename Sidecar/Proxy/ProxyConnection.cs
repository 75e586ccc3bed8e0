using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Overseer.Sidecar.Proxy;

/// <summary>
/// One client connection: reads request heads, decides each request with <see cref="EgressPolicy"/>, then forwards
/// it (<see cref="HttpForwarder"/>) or opens a tunnel (<see cref="TunnelRelay"/>). Every decision is logged and counted.
/// Whatever happens, the socket, the buffers and any upstream connection are released when it ends.
/// </summary>
internal sealed class ProxyConnection(Socket socket, ProxyServices services)
{
    private const int CopyBufferBytes = 64 * 1024;

    public async Task RunAsync(CancellationToken stopping)
    {
        var options = services.Options;
        var headBuffer = ArrayPool<byte>.Shared.Rent(Math.Max(8 * 1024, options.MaxHeaderBytes + 4));
        var copyBuffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        using var watchdog = new IdleWatchdog(services.Time, options.IdleTimeout, options.RequestHeadersTimeout, stopping);
        await using var client = new NetworkStream(socket, ownsSocket: true);
        var reader = new ConnectionReader(client, headBuffer, watchdog);
        try
        {
            while (await HandleOneAsync(reader, client, copyBuffer, watchdog, options))
            {
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException
            or InvalidDataException or HttpRequestException)
        {
            ProxyLog.ConnectionEnded(services.Logger, watchdog.Reason ?? e.GetType().Name);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(headBuffer);
            ArrayPool<byte>.Shared.Return(copyBuffer);
        }
    }

    /// <summary>Handles one request; answers whether the connection can carry another.</summary>
    private async Task<bool> HandleOneAsync(ConnectionReader reader, NetworkStream client, byte[] copyBuffer, IdleWatchdog watchdog, ProxyOptions options)
    {
        var ct = watchdog.Token;
        var (status, length) = await reader.ReadHeadAsync(options.MaxHeaderBytes, ct);
        watchdog.HeadDone();
        switch (status)
        {
            case HeadStatus.Closed or HeadStatus.Truncated:
                return false;
            case HeadStatus.TooLarge:
                return await RefuseAsync(client, 431, $"the request head is larger than {options.MaxHeaderBytes} bytes", ct);
        }
        if (!RequestHeadParser.TryParse(reader.Peek(length), out var head, out var error))
        {
            return await RefuseAsync(client, 400, error, ct);
        }
        reader.Consume(length);
        var started = services.Time.GetTimestamp();
        if (head.Method == "CONNECT")
        {
            if (!TargetParser.TryParseAuthority(head.Target, null, out var tunnelTarget, out error))
            {
                return await RefuseAsync(client, 400, error, ct);
            }
            await TunnelAsync(head, tunnelTarget, reader, client, copyBuffer, watchdog, started);
            return false;
        }
        if (!TargetParser.TryParseAbsolute(head.Target, out var target, out var path, out error))
        {
            return await RefuseAsync(client, 400, error, ct);
        }
        var decision = await services.Policy.DecideAsync(target, ct);
        if (!decision.Allowed)
        {
            return await DenyAsync(head, target, decision, "http", client, ct);
        }
        var result = await services.Forwarder.ForwardAsync(head, target, path, decision.Address!, reader, client, copyBuffer, ct);
        var elapsed = services.Time.GetElapsedTime(started);
        services.Metrics.Decision(true, "http", result.UpstreamBytes, result.DownstreamBytes, elapsed.TotalSeconds);
        ProxyLog.Allowed(services.Logger, "http", head.Method, target.Host, target.Port, decision.Address!.ToString(), result.Status,
            result.UpstreamBytes, result.DownstreamBytes, elapsed.TotalMilliseconds, decision.Rule);
        return result.KeepAlive;
    }

    private async Task TunnelAsync(RequestHead head, ProxyTarget target, ConnectionReader reader, NetworkStream client, byte[] buffer,
        IdleWatchdog watchdog, long started)
    {
        var ct = watchdog.Token;
        var decision = await services.Policy.DecideAsync(target, ct);
        if (!decision.Allowed)
        {
            await DenyAsync(head, target, decision, "connect", client, ct);
            return;
        }
        NetworkStream upstream;
        using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            connectTimeout.CancelAfter(services.Options.ConnectTimeout);
            try
            {
                upstream = await services.Connector.ConnectAsync(new IPEndPoint(decision.Address!, target.Port), connectTimeout.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                var status = e is OperationCanceledException ? 504 : 502;
                await ProxyResponses.WriteAsync(client, status, e is SocketException s ? $"upstream connection failed ({s.SocketErrorCode})"
                    : "the upstream did not answer in time", close: true, ct);
                LogAllowed(head, target, decision, status, 0, 0, started, "connect");
                return;
            }
        }
        await using (upstream)
        {
            await client.WriteAsync(ProxyResponses.ConnectionEstablished, ct);
            if (reader.Buffered > 0)
            {
                // Bytes the client sent right after the CONNECT head (e.g. an eager TLS hello) belong to the tunnel.
                var early = reader.Buffered;
                reader.Peek(early).CopyTo(buffer);
                reader.Consume(early);
                await upstream.WriteAsync(buffer.AsMemory(0, early), ct);
            }
            var (up, down) = await TunnelRelay.RunAsync(socket, client, reader, upstream, buffer, watchdog);
            LogAllowed(head, target, decision, 200, up, down, started, "connect");
        }
    }

    private void LogAllowed(RequestHead head, ProxyTarget target, EgressDecision decision, int status, long up, long down, long started, string kind)
    {
        var elapsed = services.Time.GetElapsedTime(started);
        services.Metrics.Decision(true, kind, up, down, elapsed.TotalSeconds);
        ProxyLog.Allowed(services.Logger, kind, head.Method, target.Host, target.Port, decision.Address!.ToString(), status, up, down,
            elapsed.TotalMilliseconds, decision.Rule);
    }

    private async Task<bool> DenyAsync(RequestHead head, ProxyTarget target, EgressDecision decision, string kind, Stream client, CancellationToken ct)
    {
        services.Metrics.Decision(false, kind, 0, 0, 0);
        ProxyLog.Denied(services.Logger, kind, head.Method, target.Host, target.Port, decision.Status, decision.Rule);
        // An unread body would be taken for the next request: close instead.
        var close = head.HasBody || head.Close || kind == "connect";
        await ProxyResponses.WriteAsync(client, decision.Status, decision.Status == 403 ? ProxyResponses.Denied(decision.Rule) : decision.Rule, close, ct);
        return !close;
    }

    private async Task<bool> RefuseAsync(Stream client, int status, string reason, CancellationToken ct)
    {
        ProxyLog.BadRequest(services.Logger, status, reason);
        await ProxyResponses.WriteAsync(client, status, reason, close: true, ct);
        return false;
    }
}
