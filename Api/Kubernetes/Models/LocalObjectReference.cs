namespace Overseer.Api.Kubernetes.Models;

/// <summary>A reference to an object by name in the same namespace (e.g. an image pull Secret).</summary>
public sealed class LocalObjectReference
{
    /// <summary>Name of the object.</summary>
    public string Name { get; set; } = "";
}
