using System.Net;
using System.Net.Sockets;

namespace Overseer.AppHost.Postgres;

/// <summary>Loopback port helpers.</summary>
public static class FreePort
{
    /// <summary>A port on 127.0.0.1 that is free right now.</summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>True when nothing listens on 127.0.0.1:<paramref name="port"/> and it can be bound.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
