using YamlDotNet.Serialization;

namespace Overseer.Api.Kubernetes.Config;

/// <summary>A cluster, a user and a default namespace.</summary>
public sealed class ContextEntry
{
    [YamlMember(Alias = "cluster")]
    public string? Cluster { get; set; }

    [YamlMember(Alias = "user")]
    public string? User { get; set; }

    [YamlMember(Alias = "namespace")]
    public string? Namespace { get; set; }
}
