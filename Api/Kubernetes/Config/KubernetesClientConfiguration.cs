using System.Security.Cryptography.X509Certificates;
using Overseer.Api.Kubernetes.Auth;

namespace Overseer.Api.Kubernetes.Config;

/// <summary>A resolved connection: where the API server is, how to trust it, how to authenticate, which namespace.</summary>
public sealed class KubernetesClientConfiguration
{
    /// <summary>Base address of the API server.</summary>
    public required Uri Server { get; init; }

    /// <summary>Default namespace.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Roots trusted for the server certificate; null means the system trust store.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>Accept any server certificate (kubeconfig <c>insecure-skip-tls-verify</c>).</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>Name to check the server certificate against (and send as SNI) instead of the server's host.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>Client certificate with its private key, when the user authenticates with one.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Source of bearer tokens, when the user authenticates with one.</summary>
    public ICredentialProvider? Credentials { get; init; }

    /// <summary>Where this came from, for messages: kubeconfig paths and context, or "in-cluster".</summary>
    public string Source { get; init; } = "";
}
