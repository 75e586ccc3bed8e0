namespace Overseer.Sidecar.Proxy;

/// <summary>How a forwarded request went.</summary>
/// <param name="Status">Status sent to the client.</param>
/// <param name="UpstreamBytes">Request body bytes sent upstream.</param>
/// <param name="DownstreamBytes">Response bytes sent to the client.</param>
/// <param name="KeepAlive">Whether the client connection can carry another request.</param>
internal readonly record struct ForwardResult(int Status, long UpstreamBytes, long DownstreamBytes, bool KeepAlive);
