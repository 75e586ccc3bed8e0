namespace Overseer.Api.Kubernetes.Auth;

/// <summary>What the plugin answers: a token and when it expires.</summary>
public sealed class ExecCredentialStatus
{
    public string? Token { get; set; }
    public DateTimeOffset? ExpirationTimestamp { get; set; }
    public string? ClientCertificateData { get; set; }
    public string? ClientKeyData { get; set; }
}
