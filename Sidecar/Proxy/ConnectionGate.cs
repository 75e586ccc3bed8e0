using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace Overseer.Sidecar.Proxy;

/// <summary>
/// Kestrel connection middleware in front of the proxy's HTTP parser: counts connections and answers those over
/// <c>Proxy:MaxConnections</c> with 503, closes a connection that sends nothing for the idle timeout, and takes a
/// connection whose first request is <c>CONNECT</c> for a <see cref="ConnectTunnel"/>. Everything else goes on to
/// Kestrel unread (the peeked bytes are examined, not consumed).
/// </summary>
internal sealed class ConnectionGate(ProxyServices services)
{
    private enum FirstRequest
    {
        NeedMore,
        Closed,
        Connect,
        Http,
    }

    public async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var metrics = services.Metrics;
        var options = services.Options;
        try
        {
            if (metrics.ConnectionOpened() > options.MaxConnections)
            {
                metrics.ConnectionRejected();
                ProxyLog.ConnectionLimit(services.Logger, options.MaxConnections);
                await ProxyResponses.WriteAsync(connection.Transport.Output, 503, ProxyResponses.Denied("too many connections"), connection.ConnectionClosed);
                return;
            }
            switch (await PeekAsync(connection.Transport.Input, options.IdleTimeout))
            {
                case FirstRequest.Connect:
                    await new ConnectTunnel(connection, services).RunAsync();
                    break;
                case FirstRequest.Http:
                    await next(connection);
                    break;
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            ProxyLog.ConnectionEnded(services.Logger, e.GetType().Name);
        }
        finally
        {
            metrics.ConnectionClosed();
        }
    }

    /// <summary>
    /// Waits for the first bytes. Not on <see cref="ConnectionContext.ConnectionClosed"/>: Kestrel signals it when the
    /// client stops sending, which a client may do right after a CONNECT head it still wants answered.
    /// </summary>
    private async Task<FirstRequest> PeekAsync(PipeReader input, TimeSpan idle)
    {
        using var timeout = new CancellationTokenSource(idle, services.Time);
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(timeout.Token);
                var buffer = result.Buffer;
                var kind = Classify(buffer);
                if (kind != FirstRequest.NeedMore)
                {
                    input.AdvanceTo(buffer.Start);
                    return kind;
                }
                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return FirstRequest.Closed;
                }
            }
        }
        catch (OperationCanceledException)
        {
            ProxyLog.ConnectionEnded(services.Logger, "idle timeout");
            return FirstRequest.Closed;
        }
    }

    private static FirstRequest Classify(ReadOnlySequence<byte> buffer)
    {
        var connect = "CONNECT "u8;
        var length = (int)Math.Min(connect.Length, buffer.Length);
        if (length == 0)
        {
            return FirstRequest.NeedMore;
        }
        Span<byte> start = stackalloc byte[connect.Length];
        buffer.Slice(0, length).CopyTo(start);
        if (!start[..length].SequenceEqual(connect[..length]))
        {
            return FirstRequest.Http;
        }
        return length == connect.Length ? FirstRequest.Connect : FirstRequest.NeedMore;
    }
}
