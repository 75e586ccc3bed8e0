namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 EnvFromSource.</summary>
public sealed class EnvFromSource
{
    public string? Prefix { get; set; }
    public NamedEnvSource? SecretRef { get; set; }
    public NamedEnvSource? ConfigMapRef { get; set; }
}
