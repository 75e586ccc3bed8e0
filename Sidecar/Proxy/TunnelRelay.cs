using System.Net.Sockets;

namespace Overseer.Sidecar.Proxy;

/// <summary>
/// Copies bytes both ways through a CONNECT tunnel (TLS is never terminated). When one side finishes sending, the
/// other side's socket is shut down for sending, so half-closed protocols work; an error on either side ends both.
/// </summary>
internal static class TunnelRelay
{
    /// <summary>Relays until both directions ended; answers the bytes sent upstream and downstream.</summary>
    public static async Task<(long Upstream, long Downstream)> RunAsync(Socket clientSocket, Stream client, ConnectionReader reader,
        NetworkStream upstream, byte[] buffer, IdleWatchdog watchdog)
    {
        var ct = watchdog.Token;
        var half = buffer.Length / 2;
        long up = 0;
        long down = 0;
        var upTask = Task.Run(async () =>
        {
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory(0, half), ct)) > 0)
            {
                await upstream.WriteAsync(buffer.AsMemory(0, read), ct);
                up += read;
                watchdog.Touch();
            }
            upstream.Socket.Shutdown(SocketShutdown.Send);
        }, ct);
        var downTask = Task.Run(async () =>
        {
            int read;
            while ((read = await upstream.ReadAsync(buffer.AsMemory(half), ct)) > 0)
            {
                await client.WriteAsync(buffer.AsMemory(half, read), ct);
                down += read;
                watchdog.Touch();
            }
            clientSocket.Shutdown(SocketShutdown.Send);
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
}
