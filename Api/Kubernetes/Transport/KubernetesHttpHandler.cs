using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Overseer.Api.Kubernetes.Config;

namespace Overseer.Api.Kubernetes.Transport;

/// <summary>Builds the socket handler for a configuration: trusted CAs, server name, client certificate.</summary>
public static class KubernetesHttpHandler
{
    /// <summary>A handler that trusts exactly the configured CAs (or the system store when none are configured).</summary>
    public static SocketsHttpHandler Create(KubernetesClientConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var ssl = new SslClientAuthenticationOptions();
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
        else if (config.CertificateAuthorities is not null || config.TlsServerName is not null)
        {
            ssl.RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                presented is X509Certificate2 server && IsTrusted(server, errors, config.CertificateAuthorities, config.TlsServerName);
        }
        return new SocketsHttpHandler
        {
            SslOptions = ssl,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.GZip,
        };
    }

    /// <summary>
    /// The server certificate must chain to <paramref name="roots"/> (only those; or the system store when null) and name
    /// <paramref name="serverName"/> (or the host connected to, which the platform already checked).
    /// </summary>
    private static bool IsTrusted(X509Certificate2 server, SslPolicyErrors errors, X509Certificate2Collection? roots, string? serverName)
    {
        var nameOk = serverName is null
            ? (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) == 0
            : server.MatchesHostname(serverName);
        if (!nameOk)
        {
            return false;
        }
        if (roots is null)
        {
            return (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        return chain.Build(server);
    }
}
