using YamlDotNet.Serialization;

namespace Overseer.Api.Kubernetes.Config;

/// <summary>A legacy <c>auth-provider</c> entry; only read to name it in the "not supported" error.</summary>
public sealed class AuthProviderEntry
{
    [YamlMember(Alias = "name")]
    public string? Name { get; set; }
}
