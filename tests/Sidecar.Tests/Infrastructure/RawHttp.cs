using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Overseer.Sidecar.Tests.Infrastructure;

/// <summary>A raw HTTP/1.1 client over one socket, so tests send exactly the bytes they mean (odd hosts included).</summary>
public sealed class RawHttp : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly MemoryStream _pending = new();

    private RawHttp(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>The connection's stream (for tunnels).</summary>
    public Stream Stream => _stream;

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<RawHttp> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return new RawHttp(socket);
    }

    /// <summary>Sends text as Latin-1.</summary>
    public async Task SendAsync(string text) => await _stream.WriteAsync(Encoding.Latin1.GetBytes(text));

    /// <summary>Sends one request and reads its response.</summary>
    public async Task<RawResponse> RequestAsync(string text)
    {
        await SendAsync(text);
        return await ReadResponseAsync(text.StartsWith("HEAD ", StringComparison.Ordinal));
    }

    /// <summary>Reads one response (Content-Length, chunked, or until close).</summary>
    public async Task<RawResponse> ReadResponseAsync(bool head = false)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var headText = Encoding.Latin1.GetString(await ReadUntilAsync("\r\n\r\n"u8.ToArray(), timeout.Token));
        var lines = headText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        byte[] body;
        if (head || status is (>= 100 and < 200) or 204 or 304 || (status == 200 && headers.Count == 0))
        {
            body = [];
        }
        else if (headers.TryGetValue("Content-Length", out var length))
        {
            body = await ReadExactlyAsync(int.Parse(length, CultureInfo.InvariantCulture), timeout.Token);
        }
        else if (headers.TryGetValue("Transfer-Encoding", out var te) && te.Equals("chunked", StringComparison.OrdinalIgnoreCase))
        {
            using var all = new MemoryStream();
            while (true)
            {
                var size = int.Parse(Encoding.Latin1.GetString(await ReadUntilAsync("\r\n"u8.ToArray(), timeout.Token)).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var chunk = await ReadExactlyAsync(size + 2, timeout.Token);
                if (size == 0)
                {
                    break;
                }
                all.Write(chunk, 0, size);
            }
            body = all.ToArray();
        }
        else
        {
            body = await ReadToEndAsync(timeout.Token);
        }
        return new RawResponse(status, headers, body);
    }

    /// <summary>True when the other side closed the connection (within <paramref name="within"/>).</summary>
    public async Task<bool> IsClosedAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            var buffer = new byte[1024];
            while (true)
            {
                if (await _stream.ReadAsync(buffer, timeout.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Closes abruptly (RST).</summary>
    public void Abort()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        await _pending.DisposeAsync();
    }

    private async Task<byte[]> ReadUntilAsync(byte[] marker, CancellationToken ct)
    {
        while (true)
        {
            var data = _pending.ToArray();
            var at = data.AsSpan().IndexOf(marker);
            if (at >= 0)
            {
                Keep(data, at + marker.Length);
                return data[..at];
            }
            await FillAsync(ct);
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken ct)
    {
        while (_pending.Length < count)
        {
            await FillAsync(ct);
        }
        var data = _pending.ToArray();
        Keep(data, count);
        return data[..count];
    }

    private async Task<byte[]> ReadToEndAsync(CancellationToken ct)
    {
        var buffer = new byte[16384];
        int read;
        while ((read = await _stream.ReadAsync(buffer, ct)) > 0)
        {
            _pending.Write(buffer, 0, read);
        }
        var data = _pending.ToArray();
        _pending.SetLength(0);
        return data;
    }

    private async Task FillAsync(CancellationToken ct)
    {
        var buffer = new byte[16384];
        var read = await _stream.ReadAsync(buffer, ct);
        if (read == 0)
        {
            throw new IOException("connection closed");
        }
        _pending.Seek(0, SeekOrigin.End);
        _pending.Write(buffer, 0, read);
    }

    private void Keep(byte[] data, int from)
    {
        _pending.SetLength(0);
        _pending.Write(data, from, data.Length - from);
    }
}
