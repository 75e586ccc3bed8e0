using System.IO.Pipelines;
using System.Text;

namespace Overseer.Sidecar.Proxy;

/// <summary>The proxy's own short answers on a raw connection (denials and errors of a CONNECT, the connection limit).</summary>
internal static class ProxyResponses
{
    /// <summary>Sent when a tunnel is open.</summary>
    public static ReadOnlyMemory<byte> ConnectionEstablished { get; } = "HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray();

    /// <summary>Writes a plain-text answer with <c>Connection: close</c> (the connection ends after it).</summary>
    public static async Task WriteAsync(PipeWriter client, int status, string body, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(body + "\n");
        var head = $"HTTP/1.1 {status} {Reason(status)}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {bytes.Length}\r\n"
            + "Connection: close\r\n\r\n";
        var all = new byte[Encoding.Latin1.GetByteCount(head) + bytes.Length];
        var written = Encoding.Latin1.GetBytes(head, all);
        bytes.CopyTo(all, written);
        await client.WriteAsync(all, ct);
    }

    /// <summary>The body of a denial: which rule or check denied.</summary>
    public static string Denied(string rule) => "Denied by the Overseer egress proxy: " + rule;

    private static string Reason(int status) => status switch
    {
        400 => "Bad Request",
        403 => "Forbidden",
        431 => "Request Header Fields Too Large",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    };
}
