namespace Overseer.Api.Kubernetes.Auth;

/// <summary>Cluster information given to plugins that set <c>provideClusterInfo</c>.</summary>
public sealed class ExecCluster
{
    public string? Server { get; set; }
    public string? TlsServerName { get; set; }
    public bool? InsecureSkipTlsVerify { get; set; }
    public string? CertificateAuthorityData { get; set; }
}
