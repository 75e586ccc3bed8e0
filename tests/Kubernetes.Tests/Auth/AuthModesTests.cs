using System.Security.Cryptography;
using System.Text;
using Overseer.Api.Kubernetes;
using Overseer.Api.Kubernetes.Auth;
using Overseer.Api.Kubernetes.Config;
using Overseer.Api.Kubernetes.Errors;
using Overseer.KubeSim.Security;
using Overseer.Kubernetes.Tests.Infrastructure;

namespace Overseer.Kubernetes.Tests.Auth;

/// <summary>Every way the client authenticates, against KubeSim over HTTPS.</summary>
public sealed class AuthModesTests(SimFixture fixture) : IClassFixture<SimFixture>
{
    private TestSim Sim => fixture.Sim;

    [Fact]
    public async Task Client_certificate_with_an_ec_key_in_data_fields()
    {
        var client = Sim.Client();

        await client.Leases.ListAsync("default");

        Assert.Equal(SimUsers.AdminUser, LastUser());
    }

    [Fact]
    public async Task Client_certificate_with_an_rsa_key_in_files()
    {
        var (cert, key) = Sim.Server.Certificates.IssueClient("rsa-user", ["system:masters"], rsa: true);
        var dir = Path.Combine(Sim.Directory, "rsa");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "ca.crt"), Sim.Server.Certificates.CaPem);
        File.WriteAllText(Path.Combine(dir, "client.crt"), cert);
        File.WriteAllText(Path.Combine(dir, "client.key"), key);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", key);
        var path = Path.Combine(dir, "kubeconfig");
        File.WriteAllText(path, Kubeconfig("certificate-authority: ca.crt", "client-certificate: client.crt\n    client-key: client.key"));

        await Sim.Client(kubeconfig: path).Leases.ListAsync("default");

        Assert.Equal("rsa-user", LastUser());
    }

    [Fact]
    public async Task Client_certificate_with_a_pkcs8_key()
    {
        var (cert, key) = Sim.Server.Certificates.IssueClient("pkcs8-user", [], rsa: false);
        using var ec = ECDsa.Create();
        ec.ImportFromPem(key);
        var path = Sim.WriteFile("kubeconfig-pkcs8", Kubeconfig(CaData(), $"client-certificate-data: {B64(cert)}\n    client-key-data: {B64(ec.ExportPkcs8PrivateKeyPem())}"));

        await Sim.Client(kubeconfig: path).Leases.ListAsync("default");

        Assert.Equal("pkcs8-user", LastUser());
    }

    [Fact]
    public async Task Token_in_the_kubeconfig()
    {
        var path = Sim.WriteFile("kubeconfig-token", Sim.Server.AdminKubeconfig(tokenAuth: true));

        await Sim.Client(kubeconfig: path).Leases.ListAsync("default");

        Assert.Equal(SimUsers.AdminUser, LastUser());
    }

    [Fact]
    public async Task Token_file_is_read_again_when_the_server_refuses_the_old_token()
    {
        Sim.Cluster.Users.AddToken("token-one", "rotating");
        var tokenFile = Sim.WriteFile("rotating-token", "token-one\n");
        var path = Sim.WriteFile("kubeconfig-tokenfile", Kubeconfig(CaData(), $"tokenFile: {tokenFile}"));
        var client = Sim.Client(kubeconfig: path);
        await client.Leases.ListAsync("default");

        Sim.Cluster.Users.AddToken("token-two", "rotating");
        Sim.Cluster.Users.RemoveToken("token-one");
        File.WriteAllText(tokenFile, "token-two");
        await client.Leases.ListAsync("default");

        Assert.Equal("rotating", LastUser());
        Assert.Equal(3, client.Metrics.Count("list", "leases"));
    }

    [Theory]
    [InlineData("client.authentication.k8s.io/v1")]
    [InlineData("client.authentication.k8s.io/v1beta1")]
    public async Task Exec_plugin_credential_is_cached_until_it_expires(string apiVersion)
    {
        var token = $"exec-{Guid.NewGuid():N}";
        Sim.Cluster.Users.AddToken(token, "exec-user");
        var runs = Path.Combine(Sim.Directory, $"{token}.runs");
        var info = Path.Combine(Sim.Directory, $"{token}.info");
        var expires = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var credential = Credential(apiVersion, token, expires);
        var script = Sim.WriteFile($"{token}.sh", $$"""
            #!/bin/sh
            echo "$1 $PLUGIN_ENV" >> {{runs}}
            printf '%s' "$KUBERNETES_EXEC_INFO" > {{info}}
            echo '{{credential}}'
            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Sim.WriteFile($"{token}.kubeconfig", Kubeconfig(CaData(), $"""
            exec:
                  apiVersion: {apiVersion}
                  command: ./{Path.GetFileName(script)}
                  args: ["get-token"]
                  env:
                  - name: PLUGIN_ENV
                    value: from-kubeconfig
                  provideClusterInfo: true
            """));
        var client = Sim.Client(kubeconfig: path);

        await client.Leases.ListAsync("default");
        await client.Leases.ListAsync("default");

        Assert.Equal("exec-user", LastUser());
        Assert.Equal(["get-token from-kubeconfig"], File.ReadAllLines(runs));
        var execInfo = File.ReadAllText(info);
        Assert.Contains($"\"apiVersion\":\"{apiVersion}\"", execInfo);
        Assert.Contains("\"interactive\":false", execInfo);
        Assert.Contains($"\"server\":\"{Sim.Server.Url.ToString().TrimEnd('/')}\"", execInfo);
    }

    [Fact]
    public async Task Exec_plugin_runs_again_once_its_credential_has_expired()
    {
        Sim.Cluster.Users.AddToken("short-lived", "exec-user");
        var runs = Path.Combine(Sim.Directory, "expired.runs");
        var credential = Credential("client.authentication.k8s.io/v1", "short-lived", "2020-01-01T00:00:00Z");
        var script = Sim.WriteFile("expired.sh", $$"""
            #!/bin/sh
            echo run >> {{runs}}
            echo '{{credential}}'
            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Sim.WriteFile("expired.kubeconfig", Kubeconfig(CaData(), $"exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: {script}"));
        var client = Sim.Client(kubeconfig: path);

        await client.Leases.ListAsync("default");
        await client.Leases.ListAsync("default");

        Assert.Equal(2, File.ReadAllLines(runs).Length);
    }

    [Fact]
    public async Task Failing_exec_plugin_reports_its_exit_code_and_stderr()
    {
        var script = Sim.WriteFile("failing.sh", "#!/bin/sh\necho 'error: SSO session expired, run aws sso login' >&2\nexit 3\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Sim.WriteFile("failing.kubeconfig", Kubeconfig(CaData(), $"exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: {script}"));
        var client = Sim.Client(kubeconfig: path);

        var error = await Assert.ThrowsAsync<KubernetesConfigException>(() => client.Leases.ListAsync("default"));

        Assert.Equal($"The exec plugin '{script}' of user 'sim-user' failed with exit code 3: error: SSO session expired, run aws sso login", error.Message);
    }

    [Fact]
    public async Task Missing_exec_plugin_shows_the_install_hint()
    {
        var path = Sim.WriteFile("missing.kubeconfig", Kubeconfig(CaData(),
            "exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: no-such-plugin-xyz\n      installHint: Install it with apt-get install xyz"));

        var error = await Assert.ThrowsAsync<KubernetesConfigException>(() => Sim.Client(kubeconfig: path).Leases.ListAsync("default"));

        Assert.StartsWith("The exec plugin 'no-such-plugin-xyz' of user 'sim-user' could not be started", error.Message);
        Assert.EndsWith("Install it with apt-get install xyz", error.Message);
    }

    [Fact]
    public async Task In_cluster_files_give_server_namespace_and_a_rotating_token()
    {
        var accountDir = Path.Combine(Sim.Directory, "serviceaccount");
        Directory.CreateDirectory(accountDir);
        File.WriteAllText(Path.Combine(accountDir, "ca.crt"), Sim.Server.Certificates.CaPem);
        File.WriteAllText(Path.Combine(accountDir, "namespace"), "jobs-ns\n");
        File.WriteAllText(Path.Combine(accountDir, "token"), "sa-token-1");
        Sim.Cluster.Users.AddToken("sa-token-1", "system:serviceaccount:jobs-ns:overseer");
        var environment = new KubernetesConfigEnvironment
        {
            GetVariable = name => name switch
            {
                "KUBERNETES_SERVICE_HOST" => "127.0.0.1",
                "KUBERNETES_SERVICE_PORT" => Sim.Server.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            },
            HomeDirectory = Sim.Directory,
            ServiceAccountDirectory = accountDir,
        };
        var options = TestSim.FastOptions();
        var config = KubernetesConfigLoader.Load(options, CredentialSettings.From(options), environment);
        using var client = new KubernetesClient(config, options);

        await client.Leases.ListAsync(client.Namespace);
        Sim.Cluster.Users.AddToken("sa-token-2", "system:serviceaccount:jobs-ns:overseer");
        Sim.Cluster.Users.RemoveToken("sa-token-1");
        File.WriteAllText(Path.Combine(accountDir, "token"), "sa-token-2");
        await client.Leases.ListAsync(client.Namespace);

        Assert.Equal("jobs-ns", client.Namespace);
        Assert.Equal("in-cluster service account", config.Source);
        Assert.Equal("system:serviceaccount:jobs-ns:overseer", LastUser());
    }

    [Fact]
    public async Task Tls_server_name_insecure_mode_and_an_untrusted_server()
    {
        var serverName = Sim.WriteFile("sni.kubeconfig", Kubeconfig(CaData() + $"\n    tls-server-name: {SimCertificates.ServerName}", Token()));
        var wrongName = Sim.WriteFile("wrong-sni.kubeconfig", Kubeconfig(CaData() + "\n    tls-server-name: other.example", Token()));
        var insecure = Sim.WriteFile("insecure.kubeconfig", Kubeconfig("insecure-skip-tls-verify: true", Token()));
        var untrusted = Sim.WriteFile("untrusted.kubeconfig", Kubeconfig("", Token()));

        await Sim.Client(kubeconfig: serverName).Leases.ListAsync("default");
        await Sim.Client(kubeconfig: insecure).Leases.ListAsync("default");
        var wrong = await Assert.ThrowsAsync<KubernetesUnavailableException>(() => Sim.Client(kubeconfig: wrongName).Leases.ListAsync("default"));
        var system = await Assert.ThrowsAsync<KubernetesUnavailableException>(() => Sim.Client(kubeconfig: untrusted).Leases.ListAsync("default"));

        Assert.Contains("SSL", wrong.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("SSL", system.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unknown_token_and_foreign_certificate_are_Unauthorized()
    {
        var badToken = Sim.WriteFile("bad-token.kubeconfig", Kubeconfig(CaData(), "token: not-a-valid-token"));
        using var otherCa = SimCertificates.Create();
        var (cert, key) = otherCa.IssueClient("intruder", ["system:masters"]);
        var foreign = Sim.WriteFile("foreign.kubeconfig", Kubeconfig(CaData(), $"client-certificate-data: {B64(cert)}\n    client-key-data: {B64(key)}"));

        var token = await Assert.ThrowsAsync<UnauthorizedException>(() => Sim.Client(kubeconfig: badToken).Leases.ListAsync("default"));
        var certificate = await Assert.ThrowsAsync<UnauthorizedException>(() => Sim.Client(kubeconfig: foreign).Leases.ListAsync("default"));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, token.StatusCode);
        Assert.Equal("Unauthorized", certificate.Reason);
    }

    private string? LastUser() => Sim.Cluster.Stats.Recent().LastOrDefault(r => r.Resource == "leases")?.User;

    private string CaData() => $"certificate-authority-data: {B64(Sim.Server.Certificates.CaPem)}";

    private string Token() => $"token: {Sim.Cluster.Users.AdminToken}";

    private string Kubeconfig(string clusterTrust, string user) => $"""
        apiVersion: v1
        kind: Config
        current-context: sim
        clusters:
        - name: sim
          cluster:
            server: {Sim.Server.Url}
            {clusterTrust}
        users:
        - name: sim-user
          user:
            {user}
        contexts:
        - name: sim
          context:
            cluster: sim
            user: sim-user

        """;

    private static string Credential(string apiVersion, string token, string expires) =>
        "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"" + token +
        "\",\"expirationTimestamp\":\"" + expires + "\"}}";

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
