namespace Overseer.Contracts.Tasks;

/// <summary>
/// Where one environment variable's value comes from (Kubernetes <c>valueFrom</c>): exactly one of a Secret's key or a
/// ConfigMap's key. Overseer stores and returns only the reference, never the value.
/// </summary>
public sealed record ValueFromSpec
{
    /// <summary>A Secret's key.</summary>
    public KeyRef? SecretKeyRef { get; set; }

    /// <summary>A ConfigMap's key.</summary>
    public KeyRef? ConfigMapKeyRef { get; set; }
}
