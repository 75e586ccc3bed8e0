namespace Overseer.Contracts.Tasks;

/// <summary>
/// Every key of a Secret or ConfigMap as an environment variable (Kubernetes <c>envFrom</c>), optionally with a name
/// prefix: exactly one of <see cref="SecretRef"/> and <see cref="ConfigMapRef"/>. Keys that are not valid variable names
/// are skipped; variables from <c>env</c> and <c>valueFrom</c> win over these.
/// </summary>
public sealed record EnvFromSpec
{
    /// <summary>A Secret.</summary>
    public SourceRef? SecretRef { get; set; }

    /// <summary>A ConfigMap.</summary>
    public SourceRef? ConfigMapRef { get; set; }

    /// <summary>Prepended to every key.</summary>
    public string? Prefix { get; set; }
}
