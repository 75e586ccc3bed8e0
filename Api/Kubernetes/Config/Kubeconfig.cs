using YamlDotNet.Serialization;

namespace Overseer.Api.Kubernetes.Config;

/// <summary>A kubeconfig file as written by kubectl (the fields this client understands; others are ignored).</summary>
public sealed class Kubeconfig
{
    [YamlMember(Alias = "current-context")]
    public string? CurrentContext { get; set; }

    [YamlMember(Alias = "clusters")]
    public List<NamedCluster>? Clusters { get; set; }

    [YamlMember(Alias = "users")]
    public List<NamedUser>? Users { get; set; }

    [YamlMember(Alias = "contexts")]
    public List<NamedContext>? Contexts { get; set; }
}
