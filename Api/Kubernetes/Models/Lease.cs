namespace Overseer.Api.Kubernetes.Models;

/// <summary>coordination.k8s.io/v1 Lease.</summary>
public sealed class Lease : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "coordination.k8s.io/v1";
    public string? Kind { get; set; } = "Lease";
    public ObjectMeta Metadata { get; set; } = new();
    public LeaseSpec? Spec { get; set; }
}
