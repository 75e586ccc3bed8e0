using System.Net;
using System.Net.Sockets;

namespace Overseer.Sidecar.Proxy;

/// <summary>
/// Opens TCP connections, refusing forbidden addresses again as a last line of defence, and counts open upstream
/// sockets (<see cref="ProxyMetrics.OpenUpstreams"/>) until their stream is disposed.
/// </summary>
internal sealed class SocketUpstreamConnector(ProxyMetrics metrics) : IUpstreamConnector
{
    public async Task<NetworkStream> ConnectAsync(IPEndPoint endpoint, CancellationToken ct)
    {
        if (AddressClassifier.Classify(endpoint.Address).Class == AddressClass.Forbidden)
        {
            throw new SocketException((int)SocketError.AccessDenied);
        }
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, ct);
            return new CountedNetworkStream(socket, metrics);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed class CountedNetworkStream : NetworkStream
    {
        private readonly ProxyMetrics _metrics;
        private int _disposed;

        public CountedNetworkStream(Socket socket, ProxyMetrics metrics)
            : base(socket, ownsSocket: true)
        {
            _metrics = metrics;
            metrics.UpstreamOpened();
        }

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _metrics.UpstreamClosed();
            }
            base.Dispose(disposing);
        }
    }
}
