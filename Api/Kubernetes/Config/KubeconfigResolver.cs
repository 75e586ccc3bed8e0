using Overseer.Api.Kubernetes.Auth;

namespace Overseer.Api.Kubernetes.Config;

/// <summary>Turns a (merged) kubeconfig and a context name into a <see cref="KubernetesClientConfiguration"/>.</summary>
public static class KubeconfigResolver
{
    /// <summary>Resolves <paramref name="contextName"/> (or the current context) of <paramref name="config"/>.</summary>
    public static KubernetesClientConfiguration Resolve(Kubeconfig config, string source, string? contextName, string? namespaceOverride,
        CredentialSettings credentials)
    {
        var name = string.IsNullOrEmpty(contextName) ? config.CurrentContext : contextName;
        if (string.IsNullOrEmpty(name))
        {
            throw new KubernetesConfigException($"Kubeconfig {source} has no current-context; set one with 'kubectl config use-context' or set Kubernetes:Context");
        }
        var context = config.Contexts?.FirstOrDefault(c => c.Name == name)?.Context
            ?? throw new KubernetesConfigException(
                $"Context '{name}' is not defined in kubeconfig {source} (defined: {Names(config.Contexts?.Select(c => c.Name))})");
        var cluster = config.Clusters?.FirstOrDefault(c => c.Name == context.Cluster)?.Cluster
            ?? throw new KubernetesConfigException($"Context '{name}' refers to cluster '{context.Cluster}', which is not defined in kubeconfig {source}");
        var user = string.IsNullOrEmpty(context.User) ? null
            : config.Users?.FirstOrDefault(u => u.Name == context.User)?.User
              ?? throw new KubernetesConfigException($"Context '{name}' refers to user '{context.User}', which is not defined in kubeconfig {source}");

        var server = ParseServer(cluster.Server, $"cluster '{context.Cluster}'");
        var caPem = PemMaterial.ReadText(cluster.CertificateAuthorityData, cluster.CertificateAuthority,
            $"certificate-authority of cluster '{context.Cluster}'");
        if (cluster.InsecureSkipTlsVerify && caPem is not null)
        {
            throw new KubernetesConfigException(
                $"Cluster '{context.Cluster}' sets both insecure-skip-tls-verify and a certificate-authority; remove one (kubectl refuses this too)");
        }
        var userWhat = $"user '{context.User}'";
        return new KubernetesClientConfiguration
        {
            Server = server,
            Namespace = FirstNonEmpty(namespaceOverride, context.Namespace) ?? "default",
            CertificateAuthorities = caPem is null ? null : PemMaterial.Certificates(caPem, $"certificate-authority of cluster '{context.Cluster}'"),
            InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify,
            TlsServerName = string.IsNullOrEmpty(cluster.TlsServerName) ? null : cluster.TlsServerName,
            ClientCertificate = user is null ? null : ClientCertificate(user, userWhat),
            Credentials = user is null ? null : Credentials(user, userWhat, cluster, server, caPem, credentials),
            Source = $"kubeconfig {source}, context '{name}'",
        };
    }

    /// <summary>Parses an API server address; it must be an absolute http(s) URL.</summary>
    public static Uri ParseServer(string? server, string what)
    {
        if (string.IsNullOrEmpty(server))
        {
            throw new KubernetesConfigException($"{what} has no server address");
        }
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw new KubernetesConfigException($"{what} has an invalid server address '{server}' (expected https://host:port)");
        }
        return uri;
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2? ClientCertificate(UserEntry user, string what)
    {
        var cert = PemMaterial.ReadText(user.ClientCertificateData, user.ClientCertificate, $"client-certificate of {what}");
        var key = PemMaterial.ReadText(user.ClientKeyData, user.ClientKey, $"client-key of {what}");
        return (cert, key) switch
        {
            (null, null) => null,
            (not null, not null) => PemMaterial.ClientCertificate(cert, key, $"client certificate of {what}"),
            (null, _) => throw new KubernetesConfigException($"{what} has a client-key but no client-certificate"),
            (_, null) => throw new KubernetesConfigException($"{what} has a client-certificate but no client-key"),
        };
    }

    private static ICredentialProvider? Credentials(UserEntry user, string what, ClusterEntry cluster, Uri server, string? caPem,
        CredentialSettings settings)
    {
        if (user.AuthProvider is { } provider)
        {
            throw new KubernetesConfigException(
                $"{what} uses auth-provider '{provider.Name}', which is not supported; use an exec credential plugin (e.g. gke-gcloud-auth-plugin, aws eks get-token)");
        }
        if (!string.IsNullOrEmpty(user.Username))
        {
            throw new KubernetesConfigException($"{what} uses basic authentication (username/password), which Kubernetes no longer supports");
        }
        if (!string.IsNullOrEmpty(user.Token))
        {
            return new StaticTokenProvider(user.Token);
        }
        if (!string.IsNullOrEmpty(user.TokenFile))
        {
            return new TokenFileProvider(user.TokenFile, $"tokenFile of {what}", settings);
        }
        if (user.Exec is { } exec)
        {
            var clusterInfo = new ExecCluster
            {
                Server = server.ToString().TrimEnd('/'),
                TlsServerName = cluster.TlsServerName,
                InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify ? true : null,
                CertificateAuthorityData = caPem is null ? null : Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(caPem)),
            };
            return new ExecCredentialProvider(exec, what, clusterInfo, settings);
        }
        return null;
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrEmpty(v));

    private static string Names(IEnumerable<string?>? names) =>
        names?.Where(n => !string.IsNullOrEmpty(n)).ToList() is { Count: > 0 } list ? string.Join(", ", list) : "none";
}
