using Overseer.AppHost.Postgres;

namespace Overseer.AppHost.Model;

/// <summary>What the app model is built from: ports, the local PostgreSQL launch and the local-only paths.</summary>
public sealed record ModelSettings
{
    /// <summary>Api port.</summary>
    public int ApiPort { get; init; } = 5080;

    /// <summary>Dashboard port.</summary>
    public int DashboardPort { get; init; } = 5090;

    /// <summary>Sidecar relay port.</summary>
    public int SidecarPort { get; init; } = 5070;

    /// <summary>Sidecar egress proxy port.</summary>
    public int ProxyPort { get; init; } = 5071;

    /// <summary>The local server to run, when neither <c>ConnectionStrings__overseer</c> nor a container runtime provides one.</summary>
    public PostgresLaunch? Postgres { get; init; }

    /// <summary>True when <c>ConnectionStrings__overseer</c> names the server: no PostgreSQL resource runs.</summary>
    public bool ExternalDatabase { get; init; }

    /// <summary>Environment only a local run has (data-dir paths, executor settings), per project resource name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> LocalEnvironment { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();
}
