using Overseer.Api.Kubernetes.Auth;

namespace Overseer.Api.Kubernetes.Config;

/// <summary>
/// Finds the configuration: <see cref="KubernetesOptions.Kubeconfig"/>, else <c>KUBECONFIG</c>, else in-cluster, else <c>~/.kube/config</c>
/// (the order controller-runtime uses).
/// </summary>
public static class KubernetesConfigLoader
{
    /// <summary>Loads and resolves the configuration; throws <see cref="KubernetesConfigException"/> naming the problem.</summary>
    public static KubernetesClientConfiguration Load(KubernetesOptions options, CredentialSettings credentials,
        KubernetesConfigEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        environment ??= KubernetesConfigEnvironment.Current;
        if (!string.IsNullOrWhiteSpace(options.Kubeconfig))
        {
            var paths = Split(options.Kubeconfig);
            var missing = paths.Where(p => !File.Exists(p)).ToList();
            if (missing.Count > 0)
            {
                throw new KubernetesConfigException($"Kubeconfig file '{missing[0]}' does not exist (from Kubernetes:Kubeconfig)");
            }
            return FromFiles(paths, options, credentials);
        }
        if (environment.GetVariable("KUBECONFIG") is { Length: > 0 } list)
        {
            // kubectl skips files of the list that do not exist, but not all of them.
            var paths = Split(list).Where(File.Exists).ToList();
            if (paths.Count == 0)
            {
                throw new KubernetesConfigException($"None of the files in KUBECONFIG exist: {list}");
            }
            return FromFiles(paths, options, credentials);
        }
        if (InClusterConfig.IsAvailable(environment))
        {
            return InClusterConfig.Load(environment, options.Namespace, credentials);
        }
        var home = Path.Combine(environment.HomeDirectory, ".kube", "config");
        if (File.Exists(home))
        {
            return FromFiles([home], options, credentials);
        }
        throw new KubernetesConfigException(
            $"No Kubernetes configuration found: set Kubernetes:Kubeconfig or KUBECONFIG, run in a pod, or create {home}");
    }

    private static KubernetesClientConfiguration FromFiles(IReadOnlyList<string> paths, KubernetesOptions options, CredentialSettings credentials)
    {
        var merged = KubeconfigFiles.ReadMerged(paths);
        var source = paths.Count == 1 ? $"'{paths[0]}'" : $"'{string.Join(':', paths)}'";
        return KubeconfigResolver.Resolve(merged, source, options.Context, options.Namespace, credentials);
    }

    private static List<string> Split(string list) =>
        [.. list.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
}
