namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 SecretEnvSource and ConfigMapEnvSource (the same two fields).</summary>
public sealed class NamedEnvSource
{
    public string Name { get; set; } = "";
    public bool? Optional { get; set; }
}
