using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Overseer.Api.Kubernetes.Config;

/// <summary>Reads kubeconfig files and merges them as kubectl merges a <c>KUBECONFIG</c> list.</summary>
public static class KubeconfigFiles
{
    /// <summary>Deepest nesting accepted; kubectl's own files are a few levels deep, with room for extensions.</summary>
    public const int MaxDepth = 64;

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
            CheckDepth(text, path);
            config = Yaml.Deserialize<Kubeconfig>(text);
        }
        catch (YamlException e)
        {
            throw new KubernetesConfigException($"Kubeconfig '{path}' is not valid: {e.Message} (line {e.Start.Line}, column {e.Start.Column})", e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // YamlDotNet's scanner throws these, not a YamlException, on a double-quoted escape pair that is not a surrogate pair
            // ("\udc00\ud800") and on an unclosed flow mapping followed by more lines. The deserializer wraps them, except in the
            // document's first token; the depth check's plain parser never does.
            throw new KubernetesConfigException($"Kubeconfig '{path}' is not valid YAML: {e.Message}", e);
        }
        config ??= new Kubeconfig();
        // An empty list item ("-" alone) deserializes as null.
        foreach (var (list, entries) in new (string, System.Collections.IList?)[] { ("clusters", config.Clusters), ("users", config.Users), ("contexts", config.Contexts) })
        {
            if (entries?.Contains(null) == true)
            {
                throw new KubernetesConfigException($"Kubeconfig '{path}' has an empty entry in {list}");
            }
        }
        MakePathsAbsolute(config, Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/");
        return config;
    }

    /// <summary>
    /// Refuses nesting deeper than <see cref="MaxDepth"/> before deserializing: skipping an unknown field walks all of it, and
    /// YamlDotNet's scanner slows down quadratically with open flow collections ("[[[[..." takes minutes).
    /// </summary>
    private static void CheckDepth(string text, string path)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            depth += parser.Current switch { MappingStart or SequenceStart => 1, MappingEnd or SequenceEnd => -1, _ => 0 };
            if (depth > MaxDepth)
            {
                throw new KubernetesConfigException($"Kubeconfig '{path}' is nested deeper than {MaxDepth} levels (line {parser.Current!.Start.Line})");
            }
        }
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
