namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 Volume (only <c>emptyDir</c> is modelled).</summary>
public sealed class Volume
{
    public string Name { get; set; } = "";
    public EmptyDirVolumeSource? EmptyDir { get; set; }
}
