using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

// origin PORT            serves /small (100 B) and /large (1 MiB) with Content-Length
// load PROXYPORT|0 ORIGINPORT PATH CLIENTS SECONDS   prints "rps p50_ms p99_ms errors"
return args[0] switch
{
    "origin" => await Origin(int.Parse(args[1], CultureInfo.InvariantCulture)),
    "load" => await Load(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), args[3],
        int.Parse(args[4], CultureInfo.InvariantCulture), double.Parse(args[5], CultureInfo.InvariantCulture)),
    _ => 2,
};

static async Task<int> Origin(int port)
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
    var app = builder.Build();
    var small = Encoding.ASCII.GetBytes(new string('s', 100));
    var large = new byte[1024 * 1024];
    app.MapGet("/small", () => Results.Bytes(small, "text/plain"));
    app.MapGet("/large", () => Results.Bytes(large, "application/octet-stream"));
    await app.RunAsync();
    return 0;
}

static async Task<int> Load(int proxyPort, int originPort, string path, int clients, double seconds)
{
    var target = proxyPort == 0 ? path : $"http://127.0.0.1:{originPort}{path}";
    var request = Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{originPort}\r\n\r\n");
    var port = proxyPort == 0 ? originPort : proxyPort;
    var warmupEnd = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * 1.0);
    var end = warmupEnd + (long)(Stopwatch.Frequency * seconds);
    var latencies = new List<double>[clients];
    var errors = 0;
    var tasks = Enumerable.Range(0, clients).Select(async i =>
    {
        var mine = latencies[i] = new List<double>(100_000);
        var buffer = new byte[256 * 1024];
        Socket? socket = null;
        var reused = false;
        while (Stopwatch.GetTimestamp() < end)
        {
            try
            {
                if (socket is null)
                {
                    socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    await socket.ConnectAsync(IPAddress.Loopback, port);
                    reused = false;
                }
                var started = Stopwatch.GetTimestamp();
                await socket.SendAsync(request);
                var keepAlive = await ReadResponseAsync(socket, buffer);
                var now = Stopwatch.GetTimestamp();
                if (started >= warmupEnd && now < end)
                {
                    mine.Add((now - started) * 1000.0 / Stopwatch.Frequency);
                }
                if (!keepAlive)
                {
                    socket.Dispose();
                    socket = null;
                }
                reused = true;
            }
            catch (Exception e) when (e is SocketException or IOException or FormatException)
            {
                // A proxy that closes kept-alive connections after each response is not an error: reconnect and go on.
                if (!(reused && e is IOException { Message: "closed" } or SocketException { SocketErrorCode: SocketError.ConnectionReset }))
                {
                    Interlocked.Increment(ref errors);
                }
                socket?.Dispose();
                socket = null;
            }
        }
        socket?.Dispose();
    }).ToArray();
    await Task.WhenAll(tasks);
    var all = latencies.SelectMany(l => l).Order().ToArray();
    double P(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(q * all.Length))];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{all.Length / seconds:0} {P(0.5):0.000} {P(0.99):0.000} {errors}"));
    return 0;
}

// Reads one response; answers whether the connection stays open. Bodies need Content-Length (both origins send it).
static async Task<bool> ReadResponseAsync(Socket socket, byte[] buffer)
{
    var filled = 0;
    int headEnd;
    while ((headEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
    {
        var read = await socket.ReceiveAsync(buffer.AsMemory(filled));
        if (read == 0)
        {
            throw new IOException("closed");
        }
        filled += read;
    }
    var head = Encoding.ASCII.GetString(buffer, 0, headEnd);
    if (!head.StartsWith("HTTP/1.1 200", StringComparison.Ordinal) && !head.StartsWith("HTTP/1.0 200", StringComparison.Ordinal))
    {
        throw new IOException("status " + head.Split('\r')[0]);
    }
    long length = -1;
    var close = head.StartsWith("HTTP/1.0", StringComparison.Ordinal);
    foreach (var line in head.Split("\r\n"))
    {
        if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
        {
            length = long.Parse(line[15..].Trim(), CultureInfo.InvariantCulture);
        }
        else if (line.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase))
        {
            close = line.Contains("close", StringComparison.OrdinalIgnoreCase);
        }
    }
    var body = (long)(filled - headEnd - 4);
    while (length < 0 ? true : body < length)
    {
        var read = await socket.ReceiveAsync(buffer);
        if (read == 0)
        {
            if (length < 0)
            {
                return false;
            }
            throw new IOException("truncated");
        }
        body += read;
    }
    return !close && length >= 0;
}
