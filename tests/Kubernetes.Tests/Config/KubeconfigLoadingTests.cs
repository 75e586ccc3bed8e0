using Overseer.Api.Kubernetes;
using Overseer.Api.Kubernetes.Auth;
using Overseer.Api.Kubernetes.Config;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.Config;

/// <summary>Finding, merging and resolving kubeconfigs, and the errors for broken ones (no server needed).</summary>
public sealed class KubeconfigLoadingTests : IDisposable
{
    private readonly string _dir = TestDirectories.Create("kubeconfig");

    private static CredentialSettings Credentials => CredentialSettings.From(new KubernetesOptions());

    [Fact]
    public void Missing_file_names_the_path()
    {
        var path = Path.Combine(_dir, "nope.yaml");

        var error = Assert.Throws<KubernetesConfigException>(() => Load(new KubernetesOptions { Kubeconfig = path }));

        Assert.Equal($"Kubeconfig file '{path}' does not exist (from Kubernetes:Kubeconfig)", error.Message);
    }

    [Fact]
    public void Unknown_context_names_it_and_lists_the_defined_ones()
    {
        var path = Write("config", Config("alpha", "https://a.example:6443") + "\n");

        var error = Assert.Throws<KubernetesConfigException>(() => Load(new KubernetesOptions { Kubeconfig = path, Context = "beta" }));

        Assert.Equal($"Context 'beta' is not defined in kubeconfig '{path}' (defined: alpha)", error.Message);
    }

    [Fact]
    public void Unreadable_certificate_authority_names_the_cluster_and_file()
    {
        var path = Write("config", Config("alpha", "https://a.example:6443", ca: "certificate-authority: ca/missing.crt"));

        var error = Assert.Throws<KubernetesConfigException>(() => Load(new KubernetesOptions { Kubeconfig = path }));

        Assert.StartsWith($"Cannot read certificate-authority of cluster 'alpha' file '{Path.Combine(_dir, "ca/missing.crt")}'", error.Message);
    }

    [Fact]
    public void Certificate_authority_that_is_not_pem_is_reported()
    {
        var ca = Write("ca.crt", "this is not a certificate");
        var path = Write("config", Config("alpha", "https://a.example:6443", ca: $"certificate-authority: {ca}"));

        var error = Assert.Throws<KubernetesConfigException>(() => Load(new KubernetesOptions { Kubeconfig = path }));

        Assert.Equal("certificate-authority of cluster 'alpha' holds no PEM certificate", error.Message);
    }

    [Fact]
    public void Invalid_client_key_pem_is_reported_for_the_user()
    {
        var (cert, _) = SelfSigned();
        var path = Write("config", Config("alpha", "https://a.example:6443",
            user: $"client-certificate-data: {B64(cert)}\n    client-key-data: {B64("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")}"));

        var error = Assert.Throws<KubernetesConfigException>(() => Load(new KubernetesOptions { Kubeconfig = path }));

        Assert.StartsWith("client certificate of user 'alpha-user': the certificate or key is not valid PEM", error.Message);
    }

    [Fact]
    public void Certificate_data_that_is_not_base64_is_reported()
    {
        var path = Write("config", Config("alpha", "https://a.example:6443", ca: "certificate-authority-data: '%%%'"));

        var error = Assert.Throws<KubernetesConfigException>(() => Load(new KubernetesOptions { Kubeconfig = path }));

        Assert.Equal("certificate-authority of cluster 'alpha' data is not valid base64", error.Message);
    }

    [Fact]
    public void Malformed_yaml_names_the_file_and_position()
    {
        var path = Write("config", "clusters: [\n  - name: x\n  bad");

        var error = Assert.Throws<KubernetesConfigException>(() => Load(new KubernetesOptions { Kubeconfig = path }));

        Assert.StartsWith($"Kubeconfig '{path}' is not valid:", error.Message);
        Assert.Contains("line", error.Message);
    }

    [Fact]
    public void Missing_current_context_says_how_to_choose_one()
    {
        var path = Write("config", Config("alpha", "https://a.example:6443").Replace("current-context: alpha", "", StringComparison.Ordinal));

        var error = Assert.Throws<KubernetesConfigException>(() => Load(new KubernetesOptions { Kubeconfig = path }));

        Assert.Contains("has no current-context", error.Message);
    }

    [Fact]
    public void Unsupported_auth_provider_and_bad_server_are_reported()
    {
        var gcp = Write("gcp", Config("alpha", "https://a.example:6443", user: "auth-provider:\n      name: gcp"));
        var noScheme = Write("noscheme", Config("alpha", "a.example:6443"));

        Assert.Contains("auth-provider 'gcp', which is not supported", Assert.Throws<KubernetesConfigException>(() => Load(new KubernetesOptions { Kubeconfig = gcp })).Message);
        Assert.Equal("cluster 'alpha' has an invalid server address 'a.example:6443' (expected https://host:port)",
            Assert.Throws<KubernetesConfigException>(() => Load(new KubernetesOptions { Kubeconfig = noScheme })).Message);
    }

    [Fact]
    public void KUBECONFIG_list_is_merged_first_file_wins()
    {
        var first = Write("first", Config("alpha", "https://first.example:6443", ns: "one") + """
            - name: shared
              context:
                cluster: alpha
                user: alpha-user
                namespace: from-first
            """);
        var second = Write("second", Config("beta", "https://second.example:6443", ns: "two") + """
            - name: shared
              context:
                cluster: beta
                user: beta-user
                namespace: from-second
            """);
        var env = Environment(("KUBECONFIG", $"{first}:{Path.Combine(_dir, "absent")}:{second}"));

        var current = KubernetesConfigLoader.Load(new KubernetesOptions(), Credentials, env);
        var beta = KubernetesConfigLoader.Load(new KubernetesOptions { Context = "beta" }, Credentials, env);
        var shared = KubernetesConfigLoader.Load(new KubernetesOptions { Context = "shared" }, Credentials, env);

        Assert.Equal(new Uri("https://first.example:6443"), current.Server);
        Assert.Equal("one", current.Namespace);
        Assert.Equal(new Uri("https://second.example:6443"), beta.Server);
        Assert.Equal("two", beta.Namespace);
        Assert.Equal("from-first", shared.Namespace);
    }

    [Fact]
    public void Explicit_path_wins_over_KUBECONFIG_which_wins_over_in_cluster_and_home()
    {
        var explicitPath = Write("explicit", Config("explicit", "https://explicit.example"));
        var listed = Write("listed", Config("listed", "https://listed.example"));
        var home = Path.Combine(_dir, "home");
        Directory.CreateDirectory(Path.Combine(home, ".kube"));
        File.WriteAllText(Path.Combine(home, ".kube", "config"), Config("home", "https://home.example"));
        var everything = Environment(("KUBECONFIG", listed), ("KUBERNETES_SERVICE_HOST", "10.0.0.1"), ("KUBERNETES_SERVICE_PORT", "443")) with { HomeDirectory = home };

        Assert.Equal("explicit.example", KubernetesConfigLoader.Load(new KubernetesOptions { Kubeconfig = explicitPath }, Credentials, everything.Build()).Server.Host);
        Assert.Equal("listed.example", KubernetesConfigLoader.Load(new KubernetesOptions(), Credentials, everything.Build()).Server.Host);
        Assert.Equal("home.example", KubernetesConfigLoader.Load(new KubernetesOptions(), Credentials, Environment() with { HomeDirectory = home }).Server.Host);
        var none = Assert.Throws<KubernetesConfigException>(() => KubernetesConfigLoader.Load(new KubernetesOptions(), Credentials, Environment() with { HomeDirectory = _dir }));
        Assert.StartsWith("No Kubernetes configuration found", none.Message);
    }

    [Fact]
    public void Relative_paths_are_relative_to_the_kubeconfig_and_namespace_option_wins()
    {
        var (cert, key) = SelfSigned();
        Directory.CreateDirectory(Path.Combine(_dir, "certs"));
        Write("certs/ca.crt", cert);
        Write("certs/client.crt", cert);
        Write("certs/client.key", key);
        Write("certs/token", "file-token\n");
        var path = Write("config", Config("alpha", "https://a.example:6443", ca: "certificate-authority: certs/ca.crt",
            user: "client-certificate: certs/client.crt\n    client-key: certs/client.key\n    tokenFile: certs/token", ns: "ctx-ns"));

        var config = Load(new KubernetesOptions { Kubeconfig = path, Namespace = "override" });

        Assert.Equal("override", config.Namespace);
        Assert.Single(config.CertificateAuthorities!);
        Assert.True(config.ClientCertificate!.HasPrivateKey);
        Assert.IsType<TokenFileProvider>(config.Credentials);
    }

    [Fact]
    public async Task Token_file_is_read_again_after_its_refresh_period()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var path = Write("token", "first\n");
        var provider = new TokenFileProvider(path, "test token", CredentialSettings.From(new KubernetesOptions { TokenFileRefresh = TimeSpan.FromMinutes(1) }, time));

        File.WriteAllText(path, "second");
        var before = await provider.GetTokenAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        var after = await provider.GetTokenAsync(CancellationToken.None);
        File.Delete(path);
        time.Advance(TimeSpan.FromMinutes(1));
        var kept = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal(("first", "second", "second"), (before, after, kept));
    }

    private KubernetesClientConfiguration Load(KubernetesOptions options) => KubernetesConfigLoader.Load(options, Credentials, Environment());

    private EnvironmentBuilder Environment(params (string Name, string Value)[] variables) => new(variables.ToDictionary(v => v.Name, v => v.Value), _dir);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Config(string name, string server, string ca = "insecure-skip-tls-verify: true", string user = "token: abc", string ns = "default") => $"""
        apiVersion: v1
        kind: Config
        current-context: {name}
        clusters:
        - name: {name}
          cluster:
            server: {server}
            {ca}
        users:
        - name: {name}-user
          user:
            {user}
        contexts:
        - name: {name}
          context:
            cluster: {name}
            user: {name}-user
            namespace: {ns}

        """;

    private static string B64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));

    private static (string Cert, string Key) SelfSigned()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=test", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        return (cert.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    [Theory]
    [InlineData("\"\\udc00\\ud800\": x\n")]
    [InlineData("{clusters:\n  image:\n    repository: x\n    tag: \"1.4.2\"\n")]
    public void Yaml_the_scanner_throws_on_outside_its_own_exceptions_is_a_config_error(string text)
    {
        var path = Write("config", text);

        var error = Assert.Throws<KubernetesConfigException>(() => Load(new KubernetesOptions { Kubeconfig = path }));

        Assert.StartsWith($"Kubeconfig '{path}' is not valid", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clusters")]
    [InlineData("users")]
    [InlineData("contexts")]
    public void Empty_list_entry_is_a_config_error(string list)
    {
        var path = Write("config", Config("alpha", "https://a.example:6443").Replace($"{list}:\n", $"{list}:\n-\n", StringComparison.Ordinal));

        var error = Assert.Throws<KubernetesConfigException>(() => Load(new KubernetesOptions { Kubeconfig = path }));

        Assert.Equal($"Kubeconfig '{path}' has an empty entry in {list}", error.Message);
    }

    [Fact]
    public void Deep_nesting_in_an_ignored_field_is_refused_at_once()
    {
        var path = Write("config", "preferences: " + new string('[', 50_000) + new string(']', 50_000) + "\n");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.Throws<KubernetesConfigException>(() => Load(new KubernetesOptions { Kubeconfig = path }));

        Assert.Equal($"Kubeconfig '{path}' is nested deeper than 64 levels (line 1)", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    public void Dispose() => TestDirectories.Delete(_dir);

    private sealed record EnvironmentBuilder(Dictionary<string, string> Variables, string HomeDirectory)
    {
        public KubernetesConfigEnvironment Build() => new()
        {
            GetVariable = name => Variables.GetValueOrDefault(name),
            HomeDirectory = HomeDirectory,
            ServiceAccountDirectory = Path.Combine(HomeDirectory, "no-service-account"),
        };

        public static implicit operator KubernetesConfigEnvironment(EnvironmentBuilder builder) => builder.Build();
    }
}
