namespace Overseer.Sidecar.Proxy;

/// <summary>Buffered reads from a client: whole request heads, lines (chunked framing), then body bytes.</summary>
internal sealed class ConnectionReader(Stream stream, byte[] buffer, IdleWatchdog watchdog)
{
    private int _start;
    private int _end;

    /// <summary>Bytes received from the client so far.</summary>
    public long BytesReceived { get; private set; }

    /// <summary>Bytes buffered but not consumed.</summary>
    public int Buffered => _end - _start;

    /// <summary>Reads until a complete head (ending in an empty line) of at most <paramref name="maxBytes"/> is buffered.</summary>
    public async ValueTask<(HeadStatus Status, int Length)> ReadHeadAsync(int maxBytes, CancellationToken ct)
    {
        var scanned = 0;
        while (true)
        {
            var available = _end - _start;
            if (available > 0)
            {
                var found = buffer.AsSpan(_start + scanned, available - scanned).IndexOf("\r\n\r\n"u8);
                if (found >= 0)
                {
                    var length = scanned + found + 4;
                    return length > maxBytes ? (HeadStatus.TooLarge, 0) : (HeadStatus.Complete, length);
                }
                scanned = Math.Max(0, available - 3);
                if (available >= maxBytes)
                {
                    return (HeadStatus.TooLarge, 0);
                }
            }
            if (!await FillAsync(ct))
            {
                return (available == 0 ? HeadStatus.Closed : HeadStatus.Truncated, 0);
            }
            if (available == 0)
            {
                watchdog.HeadStarted();
            }
        }
    }

    /// <summary>Reads one CRLF-terminated line (without the CRLF) of at most <paramref name="maxBytes"/>; null when the client closed.</summary>
    public async ValueTask<string?> ReadLineAsync(int maxBytes, CancellationToken ct)
    {
        var scanned = 0;
        while (true)
        {
            var available = _end - _start;
            var found = buffer.AsSpan(_start + scanned, available - scanned).IndexOf("\r\n"u8);
            if (found >= 0)
            {
                var line = System.Text.Encoding.Latin1.GetString(buffer, _start, scanned + found);
                Consume(scanned + found + 2);
                return line;
            }
            scanned = Math.Max(0, available - 1);
            if (available >= maxBytes)
            {
                throw new InvalidDataException("line too long");
            }
            if (!await FillAsync(ct))
            {
                return null;
            }
        }
    }

    /// <summary>The first <paramref name="length"/> buffered bytes.</summary>
    public ReadOnlySpan<byte> Peek(int length) => buffer.AsSpan(_start, length);

    /// <summary>Drops <paramref name="count"/> buffered bytes.</summary>
    public void Consume(int count)
    {
        _start += count;
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }

    /// <summary>Reads body bytes: buffered ones first, then from the socket. 0 means the client closed.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> into, CancellationToken ct)
    {
        if (_end > _start)
        {
            var count = Math.Min(into.Length, _end - _start);
            buffer.AsMemory(_start, count).CopyTo(into);
            Consume(count);
            return count;
        }
        var read = await stream.ReadAsync(into, ct);
        BytesReceived += read;
        watchdog.Touch();
        return read;
    }

    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(buffer, _start, buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == buffer.Length)
        {
            throw new InvalidDataException("buffer full");
        }
        var read = await stream.ReadAsync(buffer.AsMemory(_end), ct);
        if (read == 0)
        {
            return false;
        }
        _end += read;
        BytesReceived += read;
        watchdog.Touch();
        return true;
    }
}
