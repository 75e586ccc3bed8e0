using Overseer.Api.Kubernetes.Auth;

namespace Overseer.Api.Kubernetes.Config;

/// <summary>The configuration of a pod: <c>KUBERNETES_SERVICE_HOST</c>/<c>_PORT</c> and the mounted service-account files.</summary>
public static class InClusterConfig
{
    /// <summary>True when the service host and port variables are set.</summary>
    public static bool IsAvailable(KubernetesConfigEnvironment environment) =>
        !string.IsNullOrEmpty(environment.GetVariable("KUBERNETES_SERVICE_HOST")) &&
        !string.IsNullOrEmpty(environment.GetVariable("KUBERNETES_SERVICE_PORT"));

    /// <summary>Builds the configuration; the token is read again as it rotates (every <see cref="CredentialSettings.TokenFileRefresh"/> and after a 401).</summary>
    public static KubernetesClientConfiguration Load(KubernetesConfigEnvironment environment, string? namespaceOverride, CredentialSettings credentials)
    {
        var host = environment.GetVariable("KUBERNETES_SERVICE_HOST");
        var port = environment.GetVariable("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubernetesConfigException("Not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set");
        }
        var hostPart = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
        var server = KubeconfigResolver.ParseServer($"https://{hostPart}:{port}", "in-cluster configuration");
        var directory = environment.ServiceAccountDirectory;
        var tokenPath = Path.Combine(directory, "token");
        var caPath = Path.Combine(directory, "ca.crt");
        var namespacePath = Path.Combine(directory, "namespace");
        var token = new TokenFileProvider(tokenPath, "service-account token", credentials);
        var ca = PemMaterial.ReadText(null, caPath, "service-account CA") ?? "";
        var ns = namespaceOverride;
        if (string.IsNullOrEmpty(ns) && File.Exists(namespacePath))
        {
            ns = File.ReadAllText(namespacePath).Trim();
        }
        return new KubernetesClientConfiguration
        {
            Server = server,
            Namespace = string.IsNullOrEmpty(ns) ? "default" : ns,
            CertificateAuthorities = PemMaterial.Certificates(ca, $"service-account CA '{caPath}'"),
            Credentials = token,
            Source = "in-cluster service account",
        };
    }
}
