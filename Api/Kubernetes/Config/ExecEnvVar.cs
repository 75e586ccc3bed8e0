using YamlDotNet.Serialization;

namespace Overseer.Api.Kubernetes.Config;

/// <summary>An environment variable given to an exec plugin.</summary>
public sealed class ExecEnvVar
{
    [YamlMember(Alias = "name")]
    public string? Name { get; set; }

    [YamlMember(Alias = "value")]
    public string? Value { get; set; }
}
