using YamlDotNet.Serialization;

namespace Overseer.Api.Kubernetes.Config;

/// <summary>A <c>users[]</c> entry.</summary>
public sealed class NamedUser
{
    [YamlMember(Alias = "name")]
    public string? Name { get; set; }

    [YamlMember(Alias = "user")]
    public UserEntry? User { get; set; }
}
