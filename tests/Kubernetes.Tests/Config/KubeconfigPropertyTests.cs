using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Overseer.Api.Kubernetes;
using Overseer.Api.Kubernetes.Auth;
using Overseer.Api.Kubernetes.Config;
using Overseer.Api.Workflows.Parsing;
using Overseer.Testing;
using Overseer.Testing.BadInput;

namespace Overseer.Kubernetes.Tests.Config;

/// <summary>Hostile kubeconfig files resolve or fail with a <see cref="KubernetesConfigException"/>; never another exception, never a hang.</summary>
public sealed class KubeconfigPropertyTests : IDisposable
{
    private readonly string _dir = TestDirectories.Create("kubeconfig-props");

    private static readonly (string Cert, string Key) Pair = Pem();

    private static readonly string[] YamlSeeds = [Config("user:\n    token: abc"), Config($"user:\n    client-certificate-data: {Pair.Cert}\n    client-key-data: {Pair.Key}",
        cluster: $"certificate-authority-data: {Pair.Cert}"), Config("user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: get-token\n      args: [--cluster, a]\n      env: [{name: A, value: b}]")];

    private static readonly string[] JsonSeeds = [.. YamlSeeds.Select(y => YamlToJson.Read(y)!.ToJsonString())];

    [Fact]
    public void Every_kubeconfig_resolves_or_fails_with_a_config_error()
    {
        var (resolved, refused) = (0, 0);
        var file = Path.Combine(_dir, "config");
        Bounded.Check(Hostile.Yaml(YamlSeeds, JsonSeeds), 250, text =>
        {
            File.WriteAllBytes(file, System.Text.Encoding.UTF8.GetBytes(text));
            var ok = Bounded.Run(() =>
            {
                try
                {
                    var config = KubernetesConfigLoader.Load(new KubernetesOptions { Kubeconfig = file }, CredentialSettings.From(new KubernetesOptions()));
                    Assert.NotNull(config.Server);
                    return true;
                }
                catch (KubernetesConfigException e)
                {
                    Assert.False(string.IsNullOrWhiteSpace(e.Message));
                    return false;
                }
            });
            _ = ok ? resolved++ : refused++;
        });

        Assert.True(resolved > 0 && refused > 0, $"the generator should produce both kinds ({resolved} resolved, {refused} refused)");
    }

    public void Dispose() => TestDirectories.Delete(_dir);

    private static string Config(string user, string cluster = "insecure-skip-tls-verify: true") => $"""
        apiVersion: v1
        kind: Config
        current-context: alpha
        clusters:
        - name: alpha
          cluster:
            server: https://a.example:6443
            {cluster}
        users:
        - name: alpha-user
          {user}
        contexts:
        - name: alpha
          context:
            cluster: alpha
            user: alpha-user
            namespace: jobs

        """;

    private static (string Cert, string Key) Pem()
    {
        using var key = ECDsa.Create();
        var request = new CertificateRequest("CN=test", key, HashAlgorithmName.SHA256);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        return (B64(cert.ExportCertificatePem()), B64(key.ExportPkcs8PrivateKeyPem()));
    }

    private static string B64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
}
