using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Overseer.Api.Kubernetes.Config;

/// <summary>Reads kubeconfig files and merges them as kubectl merges a <c>KUBECONFIG</c> list.</summary>
public static class KubeconfigFiles
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();

    /// <summary>
    /// Reads and merges <paramref name="paths"/>: for clusters, users and contexts the first file that names an entry wins,
    /// and the first non-empty <c>current-context</c> wins. Relative paths inside a file are relative to that file's directory.
    /// </summary>
    public static Kubeconfig ReadMerged(IReadOnlyList<string> paths)
    {
        var merged = new Kubeconfig { Clusters = [], Users = [], Contexts = [] };
        foreach (var path in paths)
        {
            var file = Read(path);
            merged.CurrentContext ??= string.IsNullOrEmpty(file.CurrentContext) ? null : file.CurrentContext;
            AddMissing(merged.Clusters, file.Clusters, c => c.Name);
            AddMissing(merged.Users, file.Users, u => u.Name);
            AddMissing(merged.Contexts, file.Contexts, c => c.Name);
        }
        return merged;
    }

    /// <summary>Reads one kubeconfig file and makes its relative paths absolute.</summary>
    public static Kubeconfig Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubernetesConfigException($"Cannot read kubeconfig '{path}': {e.Message}", e);
        }
        Kubeconfig? config;
        try
        {
            config = Yaml.Deserialize<Kubeconfig>(text);
        }
        catch (YamlException e)
        {
            throw new KubernetesConfigException($"Kubeconfig '{path}' is not valid: {e.Message} (line {e.Start.Line}, column {e.Start.Column})", e);
        }
        config ??= new Kubeconfig();
        MakePathsAbsolute(config, Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/");
        return config;
    }

    private static void MakePathsAbsolute(Kubeconfig config, string directory)
    {
        foreach (var cluster in config.Clusters ?? [])
        {
            if (cluster.Cluster is { } c)
            {
                c.CertificateAuthority = Absolute(c.CertificateAuthority, directory);
            }
        }
        foreach (var user in config.Users ?? [])
        {
            if (user.User is not { } u)
            {
                continue;
            }
            u.ClientCertificate = Absolute(u.ClientCertificate, directory);
            u.ClientKey = Absolute(u.ClientKey, directory);
            u.TokenFile = Absolute(u.TokenFile, directory);
            // Like client-go: a plugin command with a slash is a path relative to the kubeconfig; a bare name is looked up in PATH.
            if (u.Exec is { Command: { } command } exec && command.Contains('/', StringComparison.Ordinal))
            {
                exec.Command = Absolute(command, directory);
            }
        }
    }

    private static string? Absolute(string? path, string directory) =>
        string.IsNullOrEmpty(path) || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(directory, path));

    private static void AddMissing<T>(List<T> into, List<T>? from, Func<T, string?> name)
    {
        foreach (var entry in from ?? [])
        {
            var key = name(entry);
            if (!string.IsNullOrEmpty(key) && !into.Any(e => name(e) == key))
            {
                into.Add(entry);
            }
        }
    }
}
