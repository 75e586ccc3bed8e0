namespace Overseer.AppHost.Run;

/// <summary>Options of <c>dotnet run --project AppHost [-- run]</c>.</summary>
public sealed record RunOptions
{
    /// <summary>Where the embedded PostgreSQL cluster, the admin token and other state live.</summary>
    public string DataDir { get; init; } = ".overseer";

    /// <summary>Api port on 127.0.0.1.</summary>
    public int ApiPort { get; init; } = 5080;

    /// <summary>Dashboard port on 127.0.0.1.</summary>
    public int DashboardPort { get; init; } = 5090;

    /// <summary>Sidecar port on 127.0.0.1.</summary>
    public int SidecarPort { get; init; } = 5070;

    /// <summary>Port of the Sidecar's egress proxy on 127.0.0.1 (local tasks get it as HTTP_PROXY).</summary>
    public int ProxyPort { get; init; } = 5071;

    /// <summary>Port of the Aspire dashboard (resources, console logs, traces, metrics) on 127.0.0.1.</summary>
    public int AspirePort { get; init; } = 18888;

    /// <summary>Port of the Aspire dashboard's OTLP/HTTP receiver, where every service sends its telemetry.</summary>
    public int AspireOtlpPort { get; init; } = 18889;

    /// <summary>Port of AppHost's resource service, which the Aspire dashboard reads resources from.</summary>
    public int AspireResourcePort { get; init; } = 18890;

    /// <summary><c>local</c> or <c>kubernetes</c>.</summary>
    public string Executor { get; init; } = "local";

    /// <summary>Kubeconfig for the Kubernetes executor.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>Namespace for the Kubernetes executor.</summary>
    public string? Namespace { get; init; }

    /// <summary>When AppHost runs as root: the unprivileged user local tasks run as (created when missing).</summary>
    public string TaskUser { get; init; } = "overseer-task";

    /// <summary><c>auto</c> (bubblewrap when it is installed), <c>bwrap</c> (required) or <c>none</c>.</summary>
    public string TaskSandbox { get; init; } = "auto";
}
