namespace Overseer.Api.Kubernetes.Auth;

/// <summary><c>ExecCredential</c> of <c>client.authentication.k8s.io</c>: sent to a plugin in <c>KUBERNETES_EXEC_INFO</c>, read back from its stdout.</summary>
public sealed class ExecCredential
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ExecCredentialSpec? Spec { get; set; }
    public ExecCredentialStatus? Status { get; set; }
}
