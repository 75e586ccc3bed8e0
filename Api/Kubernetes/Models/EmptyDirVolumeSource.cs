namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 EmptyDirVolumeSource.</summary>
public sealed class EmptyDirVolumeSource
{
    public string? Medium { get; set; }
    public string? SizeLimit { get; set; }
}
