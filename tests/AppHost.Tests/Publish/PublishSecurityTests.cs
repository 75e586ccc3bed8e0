using System.Net;
using System.Text.Json.Nodes;
using Overseer.Testing.PodSecurity;

namespace Overseer.AppHost.Tests.Publish;

public sealed class PublishSecurityTests
{
    private const string FullAdminToken = "test-admin-token-0123456789abcdef";
    private const string FullPostgresPassword = "test-pg-password-with-'quote";

    private static readonly HashSet<string> NamespacedKinds =
    [
        "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret", "Service", "Deployment", "StatefulSet",
        "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy", "ScaledObject", "TriggerAuthentication",
    ];

    public static TheoryData<string> Scenarios => ["default", "full", "lean"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Nothing_is_cluster_scoped_except_the_optional_namespace(string scenario)
    {
        using var published = Published.Scenario(scenario);

        var kinds = published.Objects.Select(Kind).ToList();
        Assert.All(kinds.Where(k => k != "Namespace"), k => Assert.Contains(k, NamespacedKinds));
        Assert.Equal(scenario == "lean" ? 0 : 1, kinds.Count(k => k == "Namespace"));
    }

    [Fact]
    public void The_namespace_enforces_the_restricted_pod_security_profile()
    {
        using var published = Published.Scenario("default");

        var labels = published.Object("Namespace", "overseer")["metadata"]!["labels"]!;
        foreach (var mode in new[] { "enforce", "warn", "audit" })
        {
            Assert.Equal("restricted", labels[$"pod-security.kubernetes.io/{mode}"]!.GetValue<string>());
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_role_grants_exactly_what_the_executor_needs(string scenario)
    {
        using var published = Published.Scenario(scenario);

        var rules = published.Object("Role", "overseer-api")["rules"]!.AsArray()
            .Select(r => string.Join(" ", Strings(r!["apiGroups"]).Select(g => g.Length == 0 ? "core" : g)) + " " + string.Join(",", Strings(r!["resources"]))
                + ": " + string.Join(",", Strings(r!["verbs"]).Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "batch jobs: create,delete,get,list,patch,watch",
                "coordination.k8s.io leases: create,get,update",
                "core events: get,list,watch",
                "core pods/log: get",
                "core pods: get,list,watch",
            ],
            rules);
        var binding = published.Object("RoleBinding", "overseer-api");
        Assert.Equal("Role", binding["roleRef"]!["kind"]!.GetValue<string>());
        var subject = Assert.Single(binding["subjects"]!.AsArray())!;
        Assert.Equal("overseer-api", subject["name"]!.GetValue<string>());
    }

    [Fact]
    public void Job_pods_get_a_service_account_without_token_or_role()
    {
        using var published = Published.Scenario("default");

        var account = published.Object("ServiceAccount", "overseer-task");
        Assert.False(account["automountServiceAccountToken"]!.GetValue<bool>());
        Assert.DoesNotContain(published.Objects.Where(o => Kind(o) is "RoleBinding"),
            b => b["subjects"]!.AsArray().Any(s => s!["name"]!.GetValue<string>() == "overseer-task"));
        Assert.Equal("overseer-task", published.Object("ConfigMap", "overseer-api")["data"]!["Kubernetes__JobServiceAccount"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_container_of_every_workload_passes_the_restricted_profile(string scenario)
    {
        using var published = Published.Scenario(scenario);

        var workloads = published.Objects.Where(o => PodSpecs.Find(o) is not null).ToList();
        Assert.NotEmpty(workloads);
        foreach (var workload in workloads)
        {
            Assert.Empty(RestrictedProfile.Check(workload));
            var spec = PodSpecs.Find(workload)!.Value.Spec;
            Assert.All(spec["containers"]!.AsArray(), c => Assert.True(c!["securityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>()));
        }
    }

    [Theory]
    [InlineData("default", false)]
    [InlineData("full", true)]
    public void Job_pods_reach_the_metadata_address_only_when_allowed(string scenario, bool allowed)
    {
        using var published = Published.Scenario(scenario);

        var egress = published.Object("NetworkPolicy", "overseer-jobs")["spec"]!["egress"]!.AsArray();
        Assert.Equal(allowed, Reaches(egress, "169.254.169.254", 80));
        Assert.False(Reaches(egress, "169.254.10.1", 80));
        Assert.False(Reaches(egress, "fe80::1", 80));
    }

    [Theory]
    [InlineData("default", "10.1.2.3", 5432, false)]
    [InlineData("default", "192.168.7.9", 443, false)]
    [InlineData("default", "172.20.0.1", 443, false)]
    [InlineData("default", "100.64.0.9", 443, false)]
    [InlineData("default", "fd12:3456::10", 8443, false)]
    [InlineData("default", "93.184.215.14", 443, true)]
    [InlineData("default", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", 443, true)]
    [InlineData("full", "10.20.5.5", 5432, true)]
    [InlineData("full", "10.20.5.5", 22, false)]
    [InlineData("full", "10.21.0.1", 5432, false)]
    [InlineData("full", "192.168.7.9", 443, true)]
    [InlineData("full", "fd12:3456::10", 8443, true)]
    public void Job_pods_reach_private_ranges_only_through_sidecar_allow_entries(string scenario, string address, int port, bool reachable)
    {
        using var published = Published.Scenario(scenario);

        var egress = published.Object("NetworkPolicy", "overseer-jobs")["spec"]!["egress"]!.AsArray();
        Assert.Equal(reachable, Reaches(egress, address, port));
    }

    [Fact]
    public void Job_pods_accept_no_traffic_and_the_api_only_from_dashboard_jobs_and_configured_peers()
    {
        using var published = Published.Scenario("full");

        var jobs = published.Object("NetworkPolicy", "overseer-jobs")["spec"]!;
        Assert.Contains("Ingress", Strings(jobs["policyTypes"]));
        Assert.Empty(jobs["ingress"]!.AsArray());
        var api = published.Object("NetworkPolicy", "overseer-api")["spec"]!;
        var from = Assert.Single(api["ingress"]!.AsArray())!["from"]!.AsArray();
        Assert.Equal(3, from.Count);
        Assert.Equal("dashboard", from[0]!["podSelector"]!["matchLabels"]!["app.kubernetes.io/component"]!.GetValue<string>());
        Assert.Equal(["task", "runtime"], Strings(from[1]!["podSelector"]!["matchExpressions"]![0]!["values"]));
        Assert.Equal("ingress-nginx", from[2]!["namespaceSelector"]!["matchLabels"]!["kubernetes.io/metadata.name"]!.GetValue<string>());
    }

    [Fact]
    public void No_secret_value_appears_outside_the_secret()
    {
        using var published = Published.Scenario("full");

        var secretFile = Assert.Single(published.Resources, f => f.StartsWith("secret-", StringComparison.Ordinal));
        foreach (var file in published.Resources.Where(f => f != secretFile).Append("kustomization.yaml"))
        {
            var text = published.Read(file);
            Assert.DoesNotContain(FullAdminToken, text, StringComparison.Ordinal);
            Assert.DoesNotContain("test-pg-password", text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(FullAdminToken, published.Console, StringComparison.Ordinal);
        var secret = published.Object("Secret", "overseer-secrets")["stringData"]!;
        Assert.Equal(FullAdminToken, secret["admin-token"]!.GetValue<string>());
        Assert.Equal(FullPostgresPassword, secret["postgres-password"]!.GetValue<string>());
        Assert.Contains("password='test-pg-password-with-\\'quote'", secret["keda-connection"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("host='overseer-postgres.jobs-prod.svc'", secret["keda-connection"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(published.Dir, secretFile)));
    }

    [Fact]
    public void Api_and_dashboard_read_one_forwarding_key_from_the_secret_which_is_not_the_admin_token()
    {
        using var published = Published.Scenario("full");

        var secret = published.Object("Secret", "overseer-secrets")["stringData"]!;
        var key = secret["forwarding-key"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.NotEqual(FullAdminToken, key);
        Assert.DoesNotContain(FullAdminToken, key, StringComparison.Ordinal);
        using var again = Published.Scenario("full");
        Assert.Equal(key, again.Object("Secret", "overseer-secrets")["stringData"]!["forwarding-key"]!.GetValue<string>());
        foreach (var deployment in new[] { "overseer-api", "overseer-dashboard" })
        {
            var env = published.Object("Deployment", deployment)["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray();
            var forwarding = Assert.Single(env, e => e!["name"]!.GetValue<string>() == "SignIn__ForwardingKey")!["valueFrom"]!["secretKeyRef"]!;
            Assert.Equal(("overseer-secrets", "forwarding-key"), (forwarding["name"]!.GetValue<string>(), forwarding["key"]!.GetValue<string>()));
        }
    }

    [Fact]
    public void Every_Api_replica_reads_one_result_master_key_from_the_secret_stable_across_publishes_and_unlike_the_other_keys()
    {
        using var published = Published.Scenario("full");

        var secret = published.Object("Secret", "overseer-secrets")["stringData"]!;
        var key = secret["result-master-key"]!.GetValue<string>();
        Assert.Equal(32, Convert.FromBase64String(key).Length);
        Assert.NotEqual(FullAdminToken, key);
        Assert.NotEqual(Convert.ToHexStringLower(Convert.FromBase64String(key)), secret["forwarding-key"]!.GetValue<string>());
        using var again = Published.Scenario("full");
        Assert.Equal(key, again.Object("Secret", "overseer-secrets")["stringData"]!["result-master-key"]!.GetValue<string>());
        var env = published.Object("Deployment", "overseer-api")["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray();
        var master = Assert.Single(env, e => e!["name"]!.GetValue<string>() == "Results__MasterKey")!["valueFrom"]!["secretKeyRef"]!;
        Assert.Equal(("overseer-secrets", "result-master-key"), (master["name"]!.GetValue<string>(), master["key"]!.GetValue<string>()));
        // Only the Api signs and verifies results.
        var dashboard = published.Object("Deployment", "overseer-dashboard")["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray();
        Assert.DoesNotContain(dashboard, e => e!["name"]!.GetValue<string>() == "Results__MasterKey");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Config_maps_and_env_literals_hold_no_credentials(string scenario)
    {
        using var published = Published.Scenario(scenario);

        foreach (var config in published.Objects.Where(o => Kind(o) == "ConfigMap"))
        {
            Assert.All(config["data"]!.AsObject(), p => Assert.DoesNotMatch("(?i)password|token|ConnectionStrings|secret(?!s__[0-9]+$)", p.Key));
        }
        var secretVariables = new[] { "ConnectionStrings__overseer", "OVERSEER_ADMIN_TOKEN", "Dashboard__Admin__Password", "POSTGRES_PASSWORD" };
        foreach (var workload in published.Objects.Where(o => PodSpecs.Find(o) is not null))
        {
            foreach (var container in PodSpecs.Find(workload)!.Value.Spec["containers"]!.AsArray())
            {
                foreach (var env in container!["env"]?.AsArray() ?? [])
                {
                    var name = env!["name"]!.GetValue<string>();
                    if (secretVariables.Contains(name))
                    {
                        Assert.NotNull(env["valueFrom"]?["secretKeyRef"]);
                        Assert.Null(env["value"]);
                    }
                    else
                    {
                        Assert.DoesNotMatch("(?i)password|token|secret", name);
                    }
                }
            }
        }
    }

    /// <summary>True when some egress rule lets a pod send to address:port (TCP), applying ipBlock exceptions.</summary>
    private static bool Reaches(JsonArray egress, string address, int port)
    {
        var ip = IPAddress.Parse(address);
        return egress.Any(rule =>
        {
            var ports = rule!["ports"]?.AsArray();
            var portOk = ports is null || ports.Count == 0
                || ports.Any(p => p!["port"]!.GetValue<long>() == port && (p["protocol"]?.GetValue<string>() ?? "TCP") == "TCP");
            var to = rule["to"]?.AsArray();
            var destinationOk = to is null || to.Count == 0 || to.Any(peer =>
                peer!["ipBlock"] is { } block
                && Covers(block["cidr"]!.GetValue<string>(), ip)
                && !Strings(block["except"]).Any(e => Covers(e, ip)));
            return portOk && destinationOk;
        });
    }

    private static bool Covers(string cidr, IPAddress ip)
    {
        var network = IPNetwork.Parse(cidr);
        return network.BaseAddress.AddressFamily == ip.AddressFamily && network.Contains(ip);
    }

    private static string Kind(JsonObject o) => o["kind"]!.GetValue<string>();

    private static List<string> Strings(JsonNode? list) => [.. (list?.AsArray() ?? []).Select(n => n!.GetValue<string>())];
}
