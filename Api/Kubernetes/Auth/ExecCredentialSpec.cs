namespace Overseer.Api.Kubernetes.Auth;

/// <summary>What the client tells the plugin.</summary>
public sealed class ExecCredentialSpec
{
    public bool Interactive { get; set; }
    public ExecCluster? Cluster { get; set; }
}
