using System.Net;

namespace Overseer.Sidecar.Proxy;

/// <summary>Where a client wants to go, parsed strictly.</summary>
/// <param name="Host">Lowercase name without a trailing dot, or the canonical text of an IP literal (no brackets).</param>
/// <param name="Port">Port.</param>
/// <param name="Literal">The address when the host is an IP literal.</param>
/// <param name="Authority">The authority as it goes into the upstream Host header.</param>
public sealed record ProxyTarget(string Host, int Port, IPAddress? Literal, string Authority);
