namespace Overseer.Sidecar.Proxy;

/// <summary>A parsed request head.</summary>
internal sealed class RequestHead
{
    public required string Method { get; init; }

    public required string Target { get; init; }

    public required bool Http11 { get; init; }

    public required List<KeyValuePair<string, string>> Headers { get; init; }

    /// <summary>Content-Length, when given.</summary>
    public long? ContentLength { get; init; }

    /// <summary>Transfer-Encoding: chunked.</summary>
    public bool Chunked { get; init; }

    /// <summary>The client wants the connection closed after this request.</summary>
    public bool Close { get; init; }

    /// <summary>Expect: 100-continue.</summary>
    public bool ExpectContinue { get; init; }

    /// <summary>Header names listed in Connection (hop-by-hop), lowercase.</summary>
    public HashSet<string> ConnectionOptions { get; init; } = [];

    public bool HasBody => Chunked || ContentLength > 0;
}
