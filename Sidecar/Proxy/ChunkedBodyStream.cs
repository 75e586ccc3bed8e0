using System.Globalization;

namespace Overseer.Sidecar.Proxy;

/// <summary>A chunked request body, decoded (the upstream request is chunked again by the HTTP client).</summary>
internal sealed class ChunkedBodyStream(ConnectionReader reader, CancellationToken connectionToken) : BodyReadStream
{
    private const int MaxLine = 4096;
    private long _chunkLeft;
    private bool _done;

    /// <summary>True once the last chunk and trailers were read.</summary>
    public bool Complete => _done;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_done || buffer.Length == 0)
        {
            return 0;
        }
        // The HTTP client passes the connection's token down; fall back to it when a caller passes none.
        var token = cancellationToken.CanBeCanceled ? cancellationToken : connectionToken;
        var ct = token;
        if (_chunkLeft == 0)
        {
            var line = await reader.ReadLineAsync(MaxLine, ct) ?? throw Truncated();
            var size = line.Split(';')[0].Trim();
            if (size.Length is 0 or > 15 || !long.TryParse(size, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _chunkLeft))
            {
                throw new InvalidDataException("malformed chunk size");
            }
            if (_chunkLeft == 0)
            {
                // Trailers are dropped; read up to the empty line that ends the body.
                while ((await reader.ReadLineAsync(MaxLine, ct) ?? throw Truncated()).Length > 0)
                {
                }
                _done = true;
                return 0;
            }
        }
        var read = await reader.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _chunkLeft)], ct);
        if (read == 0)
        {
            throw Truncated();
        }
        _chunkLeft -= read;
        if (_chunkLeft == 0 && (await reader.ReadLineAsync(MaxLine, ct) ?? throw Truncated()).Length != 0)
        {
            throw new InvalidDataException("chunk not followed by CRLF");
        }
        return read;
    }

    private static IOException Truncated() => new("The client closed the connection in the middle of the request body.");
}
