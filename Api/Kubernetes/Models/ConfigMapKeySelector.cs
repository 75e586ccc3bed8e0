namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 ConfigMapKeySelector.</summary>
public sealed class ConfigMapKeySelector
{
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
    public bool? Optional { get; set; }
}
