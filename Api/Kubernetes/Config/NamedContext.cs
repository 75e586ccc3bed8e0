using YamlDotNet.Serialization;

namespace Overseer.Api.Kubernetes.Config;

/// <summary>A <c>contexts[]</c> entry.</summary>
public sealed class NamedContext
{
    [YamlMember(Alias = "name")]
    public string? Name { get; set; }

    [YamlMember(Alias = "context")]
    public ContextEntry? Context { get; set; }
}
