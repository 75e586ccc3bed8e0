using Overseer.AppHost.Publish;
using Overseer.Testing;

namespace Overseer.AppHost.Tests.Publish;

/// <summary>Bad values stop publishing with an error that names the key, and nothing is written.</summary>
public sealed class PublishValuesTests
{
    [Theory]
    [InlineData("global: {checkTimeout: 0}", "global.checkTimeout: 0 is out of range; allowed: 1..900")]
    [InlineData("global: {checkTimeout: 901}", "global.checkTimeout: 901 is out of range; allowed: 1..900")]
    [InlineData("task: {maxTimeoutSeconds: 604801}", "task.maxTimeoutSeconds: 604801 is out of range; allowed: 1..604800")]
    [InlineData("global: {checkTimeout: three}", "global.checkTimeout: must be a whole number in 1..900")]
    [InlineData("api: {replcas: 2}", "api.replcas: unknown key (line 1); did you mean 'replicas'?")]
    [InlineData("api:\n  hpa:\n    maxReplica: 4", "api.hpa.maxReplica: unknown key (line 3); did you mean 'maxReplicas'?")]
    [InlineData("tenant: acme", "tenant: unknown key (line 1)")]
    [InlineData("api: {replicas: -1}", "api.replicas: -1 is out of range; allowed: 0..100")]
    [InlineData("dashboard: {replicas: -3}", "dashboard.replicas: -3 is out of range; allowed: 0..100")]
    [InlineData("api: {hpa: {minReplicas: 5, maxReplicas: 2}}", "api.hpa.minReplicas: 5 is more than maxReplicas (2)")]
    [InlineData("api: {hpa: {enabled: yes}}", "api.hpa.enabled: must be true or false")]
    [InlineData("api: {resources: {requests: {cpu: 2}, limits: {cpu: 1}}}", "api.resources.requests.cpu: 2 is more than limits.cpu (1)")]
    [InlineData("api: {resources: {requests: {cpu: null}}}", "api.resources.requests.cpu: is needed by api.hpa")]
    [InlineData("sidecar: {resources: {limits: {memory: lots}}}", "sidecar.resources.limits.memory: 'lots' is not a Kubernetes quantity")]
    [InlineData("logLevel: Verbose", "logLevel: 'Verbose' is not one of: Trace, Debug, Information, Warning, Error, Critical, None")]
    [InlineData("namespace: {name: Jobs_Prod}", "namespace.name: 'Jobs_Prod' is not a DNS-1123 label")]
    [InlineData("global: {imageRegistry: 'https://registry.example.com'}", "global.imageRegistry: 'https://registry.example.com' must be a host")]
    [InlineData("global: {imagePullSecrets: [{name: Reg_Cred}]}", "global.imagePullSecrets[0]: 'Reg_Cred' is not a DNS-1123 subdomain")]
    [InlineData("global: {podAnnotations: {'bad key!': x}}", "global.podAnnotations.bad key!: 'bad key!' is not a valid key")]
    [InlineData("sidecar: {allow: [169.254.169.254]}", "sidecar.allow[0]: '169.254.169.254' reaches link-local or cloud metadata addresses")]
    [InlineData("sidecar: {allow: ['10.0.0.1/8']}", "sidecar.allow[0]: '10.0.0.1/8' is not a valid address or network")]
    [InlineData("sidecar: {allow: ['10.0.0.0/8:70000']}", "sidecar.allow[0]: '10.0.0.0/8:70000': port must be 1..65535")]
    [InlineData("task: {tolerations: [{key: a, operater: Exists}]}", "task.tolerations[0].operater: unknown key (line 1); did you mean 'operator'?")]
    [InlineData("task: {tolerations: [{effect: Sometimes}]}", "task.tolerations[0].effect: 'Sometimes' is not one of: NoSchedule, PreferNoSchedule, NoExecute")]
    [InlineData("task: {affinity: {nodeAffinity: [1]}}", "task.affinity.nodeAffinity: must be a mapping")]
    [InlineData("networkPolicy: {apiIngressFrom: [{namespace: x}]}", "networkPolicy.apiIngressFrom[0]: must be a NetworkPolicy peer")]
    [InlineData("persistence: {existingClaim: pg, storageClass: fast}", "persistence.storageClass: is not used with persistence.existingClaim")]
    [InlineData("persistence: {size: big}", "persistence.size: 'big' is not a Kubernetes quantity")]
    [InlineData("secrets: {existingSecret: mine, adminToken: 0123456789abcdef0}", "secrets.existingSecret: give either secrets.existingSecret or secret values")]
    [InlineData("secrets: {connectionString: 'Host=db;Database=x'}", "secrets.adminToken: is required when publish writes the Secret")]
    [InlineData("secrets: {adminToken: short, connectionString: 'Host=db'}", "secrets.adminToken: must be at least 16 characters long")]
    [InlineData("secrets: {adminToken: 0123456789abcdef0}", "secrets.connectionString: is required when publish writes the Secret and PostgreSQL is external")]
    [InlineData("postgres: {embedded: true}\nsecrets: {adminToken: 0123456789abcdef0}", "secrets.postgresPassword: is required with postgres.embedded")]
    [InlineData("api: 3", "api: must be a mapping")]
    [InlineData("- api", "the top level must be a mapping")]
    [InlineData("api: {replicas: 1}\n---\napi: {replicas: 2}", "holds 2 YAML documents; expected one")]
    [InlineData("api: {replicas: [1, 2}", "not valid YAML")]
    [InlineData("base: &b {replicas: 1}\napi: *b", "YAML anchors and aliases are not supported")]
    [InlineData("sidecar:\n  resources:\n    ? {cpu: 1}\n    : x\n", "line 3, column 7: a key must be a plain value, not a mapping or a list")]
    [InlineData("api: {podAnnotations: {[a, b]: c}}", "line 1, column 24: a key must be a plain value, not a mapping or a list")]
    [InlineData("dashboard:\n  affinity: {sidecar:\n  image:\n    repository: overseer/sidecar\n    tag: \"1.4.2\"\n", "not valid YAML")]
    [InlineData("logLevel: \"\\udc00\\ud800\"", "not valid YAML (an escape names a lone or misordered surrogate)")]
    public void Bad_values_stop_with_an_error_naming_the_key_and_write_nothing(string values, string expected)
    {
        var error = Published.Failing(values);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lone_surrogate_in_a_key_or_value_is_refused_with_its_place()
    {
        // A file read from disk cannot hold one (invalid UTF-8 decodes to U+FFFD), but text handed to the parser can.
        // Built at run time: test data holding a lone surrogate does not survive xUnit's serialization.
        var inValue = $"api: {{podAnnotations: {{team: \"api-{(char)0xD800}team\"}}}}";
        var inKey = $"api:\n  podAnnotations:\n    {(char)0xDC00}: x\n";

        var value = Assert.Throws<PublishException>(() => Overseer.AppHost.Publish.Values.ValuesFile.Parse(inValue, "values.yaml"));
        var key = Assert.Throws<PublishException>(() => Overseer.AppHost.Publish.Values.ValuesFile.Parse(inKey, "values.yaml"));

        Assert.Equal("values.yaml line 1, column 30: not valid Unicode (a lone surrogate)", value.Message);
        Assert.Equal("values.yaml line 3, column 5: not valid Unicode (a lone surrogate)", key.Message);
    }

    [Fact]
    public void Deep_nesting_is_refused_at_once_instead_of_scanning_for_minutes()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.Throws<PublishException>(() => Overseer.AppHost.Publish.Values.ValuesFile.Parse(
            new string('[', 50_000) + new string(']', 50_000), "values.yaml"));

        Assert.Equal("values.yaml line 1: nested deeper than 32 levels", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Every_problem_is_reported_in_one_run()
    {
        var error = Published.Failing("""
            global:
              checkTimeout: 0
            api:
              replicas: -1
              hpa: {enabeld: true}
            """);

        Assert.Equal(3, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("global.checkTimeout:", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("api.replicas:", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("api.hpa.enabeld: unknown key", StringComparison.Ordinal));
    }

    [Fact]
    public void Errors_about_secrets_never_repeat_the_secret()
    {
        var error = Published.Failing("secrets: {adminToken: 'hunter2hunter2hunter2', connectionString: 'Host=;Password=hunter3'}");

        Assert.Contains("secrets.connectionString: is not a valid Npgsql connection string", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_values_file_is_an_error()
    {
        var parent = TestDirectories.Create("publish");
        try
        {
            var error = Assert.Throws<PublishException>(() => new PublishCommand(
                new() { OutputDir = Path.Combine(parent, "out"), ValuesFile = Path.Combine(parent, "nope.yaml") }, TextWriter.Null).Run());

            Assert.Contains("nope.yaml: file not found", error.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
        }
        finally
        {
            TestDirectories.Delete(parent);
        }
    }

    [Fact]
    public void Empty_values_files_and_null_sections_mean_defaults()
    {
        using var empty = Published.WithValues("");
        using var nulls = Published.WithValues("api:\nglobal: ~\ndashboard: null\n");
        using var none = Published.Scenario("default");

        Assert.Equal(Snapshot.Of(none), Snapshot.Of(empty));
        Assert.Equal(Snapshot.Of(none), Snapshot.Of(nulls));
    }
}
