namespace Overseer.Sidecar.Proxy;

/// <summary>A Content-Length request body.</summary>
internal sealed class FixedLengthBodyStream(ConnectionReader reader, long length, CancellationToken connectionToken) : BodyReadStream
{
    private long _remaining = length;

    /// <summary>True once the whole body was read (the connection can carry another request).</summary>
    public bool Complete => _remaining == 0;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining == 0 || buffer.Length == 0)
        {
            return 0;
        }
        // The HTTP client passes the connection's token down; fall back to it when a caller passes none.
        var token = cancellationToken.CanBeCanceled ? cancellationToken : connectionToken;
        var read = await reader.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], token);
        if (read == 0)
        {
            throw new IOException("The client closed the connection in the middle of the request body.");
        }
        _remaining -= read;
        return read;
    }
}
