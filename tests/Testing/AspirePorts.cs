using Overseer.AppHost.Postgres;

namespace Overseer.Testing;

/// <summary>The Aspire dashboard's options for an AppHost a test starts: free ports, so runs do not collide.</summary>
public static class AspirePorts
{
    /// <summary><c>--aspire-port</c>, <c>--aspire-otlp-port</c> and <c>--aspire-resource-port</c>, each free now.</summary>
    public static string[] Free() =>
        ["--aspire-port", FreePort.Pick().ToString(), "--aspire-otlp-port", FreePort.Pick().ToString(), "--aspire-resource-port", FreePort.Pick().ToString()];
}
