namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 EnvVarSource (downward API field, secret key or config map key).</summary>
public sealed class EnvVarSource
{
    public ObjectFieldSelector? FieldRef { get; set; }
    public SecretKeySelector? SecretKeyRef { get; set; }
    public ConfigMapKeySelector? ConfigMapKeyRef { get; set; }
}
