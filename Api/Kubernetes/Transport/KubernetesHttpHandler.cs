using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Overseer.Api.Kubernetes.Config;

namespace Overseer.Api.Kubernetes.Transport;

/// <summary>Builds the socket handler for a configuration: trusted CA, server name, client certificate.</summary>
public static class KubernetesHttpHandler
{
    /// <summary>A handler that trusts exactly the configured CAs (or the system store when none are configured).</summary>
    public static SocketsHttpHandler Create(KubernetesClientConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var ssl = new SslClientAuthenticationOptions();
        if (config.TlsServerName is { } serverName)
        {
            ssl.TargetHost = serverName;
        }
        if (config.ClientCertificate is { } certificate)
        {
            ssl.ClientCertificates = new X509CertificateCollection { certificate };
        }
        if (config.InsecureSkipTlsVerify)
        {
#pragma warning disable CA5359 // kubeconfig insecure-skip-tls-verify asks for exactly this
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (config.CertificateAuthorities is { } roots)
        {
            ssl.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            ssl.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
        }
        return new SocketsHttpHandler
        {
            SslOptions = ssl,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.GZip,
        };
    }
}
