using System.Net.Sockets;

namespace Overseer.Chaos.Faults;

/// <summary>One proxied connection: the client's socket and the upstream socket.</summary>
internal sealed class Link(Socket client, Socket? upstream)
{
    private int _closed;

    /// <summary>True once reset.</summary>
    public bool IsReset { get; private set; }

    /// <summary>Closes both sockets with RST (linger 0).</summary>
    public void Reset()
    {
        IsReset = true;
        foreach (var socket in new[] { client, upstream })
        {
            if (socket is null)
            {
                continue;
            }
            try
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Already gone.
            }
        }
        Close();
    }

    /// <summary>Closes both sockets.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            client.Dispose();
            upstream?.Dispose();
        }
    }
}
