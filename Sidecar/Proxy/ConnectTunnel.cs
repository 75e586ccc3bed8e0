using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Overseer.Sidecar.Proxy;

/// <summary>
/// A connection that opened with <c>CONNECT host:port</c>: the head is checked (<see cref="ConnectHead"/>), the target
/// decided by <see cref="EgressPolicy"/> and connected at the checked address, then bytes are copied both ways
/// (TLS is never terminated) until both directions ended, an error, or the idle timeout. When the client finishes
/// sending, the upstream socket is shut down for sending, so a client's half-close reaches the server.
/// </summary>
internal sealed class ConnectTunnel(ConnectionContext connection, ProxyServices services)
{
    private const int ReadBytes = 16 * 1024;

    public async Task RunAsync()
    {
        var options = services.Options;
        var input = connection.Transport.Input;
        var output = connection.Transport.Output;
        // Not ended by ConnectionClosed: Kestrel signals it on the client's half-close, which the tunnel carries on.
        using var watchdog = new IdleWatchdog(services.Time, options.IdleTimeout, options.RequestHeadersTimeout, CancellationToken.None);
        watchdog.HeadStarted();
        try
        {
            var target = await ReadTargetAsync(input, output, options.MaxHeaderBytes, watchdog.Token);
            watchdog.HeadDone();
            if (target is not null)
            {
                await TunnelAsync(target, input, output, watchdog);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            ProxyLog.ConnectionEnded(services.Logger, watchdog.Reason ?? e.GetType().Name);
        }
        finally
        {
            await input.CompleteAsync();
            await output.CompleteAsync();
        }
    }

    /// <summary>Reads and checks the head; answers the target, or null once it refused the request.</summary>
    private async Task<ProxyTarget?> ReadTargetAsync(PipeReader input, PipeWriter output, int maxHeaderBytes, CancellationToken ct)
    {
        while (true)
        {
            var result = await input.ReadAsync(ct);
            var buffer = result.Buffer;
            var reader = new SequenceReader<byte>(buffer);
            if (reader.TryReadTo(out ReadOnlySequence<byte> _, "\r\n\r\n"u8, advancePastDelimiter: true))
            {
                var end = reader.Position;
                if (buffer.Slice(0, end).Length > maxHeaderBytes)
                {
                    input.AdvanceTo(end);
                    return await RefuseAsync(output, 431, $"the request head is larger than {maxHeaderBytes} bytes", ct);
                }
                var head = buffer.Slice(0, end).ToArray();
                input.AdvanceTo(end);
                if (!ConnectHead.TryParse(head, out var authority, out var error)
                    || !TargetParser.TryParseAuthority(authority, null, out var target, out error))
                {
                    return await RefuseAsync(output, 400, error, ct);
                }
                return target;
            }
            // No end of head yet, so every byte is the head's (ConnectHead checks a complete one).
            if (BareLineFeed(buffer))
            {
                input.AdvanceTo(buffer.End);
                return await RefuseAsync(output, 400, "a line ends with a bare LF", ct);
            }
            if (buffer.Length > maxHeaderBytes)
            {
                input.AdvanceTo(buffer.End);
                return await RefuseAsync(output, 431, $"the request head is larger than {maxHeaderBytes} bytes", ct);
            }
            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return null;
            }
        }
    }

    private static bool BareLineFeed(ReadOnlySequence<byte> buffer)
    {
        var previous = (byte)0;
        foreach (var segment in buffer)
        {
            foreach (var b in segment.Span)
            {
                if (b == '\n' && previous != '\r')
                {
                    return true;
                }
                previous = b;
            }
        }
        return false;
    }

    private async Task TunnelAsync(ProxyTarget target, PipeReader input, PipeWriter output, IdleWatchdog watchdog)
    {
        var ct = watchdog.Token;
        var started = services.Time.GetTimestamp();
        var decision = await services.Policy.DecideAsync(target, ct);
        if (!decision.Allowed)
        {
            services.Metrics.Decision(false, "connect", 0, 0, 0);
            ProxyLog.Denied(services.Logger, "connect", "CONNECT", target.Host, target.Port, decision.Status, decision.Rule);
            await ProxyResponses.WriteAsync(output, decision.Status, decision.Status == 403 ? ProxyResponses.Denied(decision.Rule) : decision.Rule, ct);
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
                await ProxyResponses.WriteAsync(output, status, e is SocketException s ? $"upstream connection failed ({s.SocketErrorCode})"
                    : "the upstream did not answer in time", ct);
                LogAllowed(target, decision, status, 0, 0, started);
                return;
            }
        }
        await using (upstream)
        {
            await output.WriteAsync(ProxyResponses.ConnectionEstablished, ct);
            var (up, down) = await SpliceAsync(input, output, upstream, watchdog);
            LogAllowed(target, decision, 200, up, down, started);
        }
    }

    private static async Task<(long Up, long Down)> SpliceAsync(PipeReader input, PipeWriter output, NetworkStream upstream, IdleWatchdog watchdog)
    {
        var ct = watchdog.Token;
        long up = 0;
        long down = 0;
        var upTask = Task.Run(async () =>
        {
            while (true)
            {
                var result = await input.ReadAsync(ct);
                foreach (var segment in result.Buffer)
                {
                    await upstream.WriteAsync(segment, ct);
                    up += segment.Length;
                }
                input.AdvanceTo(result.Buffer.End);
                watchdog.Touch();
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
            upstream.Socket.Shutdown(SocketShutdown.Send);
        }, ct);
        var downTask = Task.Run(async () =>
        {
            while (true)
            {
                var read = await upstream.ReadAsync(output.GetMemory(ReadBytes), ct);
                if (read == 0)
                {
                    break;
                }
                output.Advance(read);
                down += read;
                watchdog.Touch();
                if ((await output.FlushAsync(ct)).IsCompleted)
                {
                    break;
                }
            }
            // Kestrel closes the client connection once its output completes.
            await output.CompleteAsync();
        }, ct);
        try
        {
            var first = await Task.WhenAny(upTask, downTask);
            if (first.IsFaulted || first.IsCanceled)
            {
                watchdog.Cancel("tunnel side failed");
            }
            await Task.WhenAll(upTask, downTask);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            watchdog.Cancel("tunnel closed");
        }
        return (up, down);
    }

    private void LogAllowed(ProxyTarget target, EgressDecision decision, int status, long up, long down, long started)
    {
        var elapsed = services.Time.GetElapsedTime(started);
        services.Metrics.Decision(true, "connect", up, down, elapsed.TotalSeconds);
        ProxyLog.Allowed(services.Logger, "connect", "CONNECT", target.Host, target.Port, decision.Address!.ToString(), status, up, down,
            elapsed.TotalMilliseconds, decision.Rule);
    }

    private async Task<ProxyTarget?> RefuseAsync(PipeWriter output, int status, string reason, CancellationToken ct)
    {
        ProxyLog.BadRequest(services.Logger, status, reason);
        await ProxyResponses.WriteAsync(output, status, reason, ct);
        return null;
    }
}
