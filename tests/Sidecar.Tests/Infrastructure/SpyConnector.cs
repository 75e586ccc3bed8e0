using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Overseer.Sidecar.Proxy;

namespace Overseer.Sidecar.Tests.Infrastructure;

/// <summary>
/// Wraps the proxy's connect path: records every endpoint it is asked for, and refuses (without touching the
/// network) anything that is not loopback, so no test can ever send traffic off the machine.
/// </summary>
public sealed class SpyConnector(IUpstreamConnector real) : IUpstreamConnector
{
    /// <summary>Every endpoint the proxy asked to connect to.</summary>
    public ConcurrentQueue<IPEndPoint> Attempts { get; } = new();

    /// <inheritdoc />
    public Task<NetworkStream> ConnectAsync(IPEndPoint endpoint, CancellationToken ct)
    {
        Attempts.Enqueue(endpoint);
        return IPAddress.IsLoopback(endpoint.Address) && !endpoint.Address.IsIPv4MappedToIPv6
            ? real.ConnectAsync(endpoint, ct)
            : throw new SocketException((int)SocketError.NetworkUnreachable);
    }
}
