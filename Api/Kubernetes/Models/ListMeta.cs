namespace Overseer.Api.Kubernetes.Models;

/// <summary>metav1.ListMeta.</summary>
public sealed class ListMeta
{
    public string? ResourceVersion { get; set; }
    public string? Continue { get; set; }
    public long? RemainingItemCount { get; set; }
}
