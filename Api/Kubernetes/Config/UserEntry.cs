using YamlDotNet.Serialization;

namespace Overseer.Api.Kubernetes.Config;

/// <summary>How to authenticate: a token, a token file, a client certificate, or an exec plugin.</summary>
public sealed class UserEntry
{
    [YamlMember(Alias = "token")]
    public string? Token { get; set; }

    [YamlMember(Alias = "tokenFile")]
    public string? TokenFile { get; set; }

    [YamlMember(Alias = "client-certificate")]
    public string? ClientCertificate { get; set; }

    [YamlMember(Alias = "client-certificate-data")]
    public string? ClientCertificateData { get; set; }

    [YamlMember(Alias = "client-key")]
    public string? ClientKey { get; set; }

    [YamlMember(Alias = "client-key-data")]
    public string? ClientKeyData { get; set; }

    [YamlMember(Alias = "exec")]
    public ExecConfig? Exec { get; set; }

    [YamlMember(Alias = "auth-provider")]
    public AuthProviderEntry? AuthProvider { get; set; }

    [YamlMember(Alias = "username")]
    public string? Username { get; set; }
}
