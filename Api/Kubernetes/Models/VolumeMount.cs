namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 VolumeMount.</summary>
public sealed class VolumeMount
{
    public string Name { get; set; } = "";
    public string MountPath { get; set; } = "";
    public bool? ReadOnly { get; set; }
}
