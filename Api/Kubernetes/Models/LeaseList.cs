namespace Overseer.Api.Kubernetes.Models;

/// <summary>coordination.k8s.io/v1 LeaseList.</summary>
public sealed class LeaseList : IKubernetesList<Lease>
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<Lease> Items { get; set; } = [];
}
