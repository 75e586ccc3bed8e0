namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 Pod.</summary>
public sealed class Pod : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "v1";
    public string? Kind { get; set; } = "Pod";
    public ObjectMeta Metadata { get; set; } = new();
    public PodSpec? Spec { get; set; }
    public PodStatus? Status { get; set; }
}
