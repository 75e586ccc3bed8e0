namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 PodSecurityContext.</summary>
public sealed class PodSecurityContext
{
    public bool? RunAsNonRoot { get; set; }
    public long? RunAsUser { get; set; }
    public long? RunAsGroup { get; set; }
    public long? FsGroup { get; set; }
    public SeccompProfile? SeccompProfile { get; set; }
}
