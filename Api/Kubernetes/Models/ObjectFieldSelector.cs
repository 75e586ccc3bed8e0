namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 ObjectFieldSelector, e.g. <c>metadata.name</c>.</summary>
public sealed class ObjectFieldSelector
{
    public string? ApiVersion { get; set; }
    public string FieldPath { get; set; } = "";
}
