using System.Net;
using System.Net.Sockets;

namespace Overseer.Sidecar.Proxy;

/// <summary>The only way the proxy opens upstream connections (tests put a spy here).</summary>
public interface IUpstreamConnector
{
    /// <summary>Connects to an address the policy already checked.</summary>
    Task<NetworkStream> ConnectAsync(IPEndPoint endpoint, CancellationToken ct);
}
