using System.Net;

namespace Overseer.Sidecar.Proxy;

/// <summary>Resolves host names (replaced by a stub in tests, so no test asks real DNS).</summary>
public interface IHostResolver
{
    /// <summary>Every address of <paramref name="host"/>.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}
