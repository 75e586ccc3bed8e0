namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 PodList.</summary>
public sealed class PodList : IKubernetesList<Pod>
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<Pod> Items { get; set; } = [];
}
