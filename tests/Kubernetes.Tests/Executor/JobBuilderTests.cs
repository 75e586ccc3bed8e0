using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Overseer.Api.Execution;
using Overseer.Api.Execution.Kubernetes;
using Overseer.Api.Kubernetes.Serialization;
using Overseer.Api.StateMachine;
using Overseer.Contracts.Tasks;
using Overseer.Testing.PodSecurity;

namespace Overseer.Kubernetes.Tests.Executor;

public sealed class JobBuilderTests
{
    private static JobBuilder Builder(Action<KubernetesExecutorOptions>? configure = null, Dictionary<string, string?>? settings = null)
    {
        var options = new KubernetesExecutorOptions();
        configure?.Invoke(options);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new()).Build();
        return new JobBuilder(Options.Create(options), configuration);
    }

    private static ClaimedAttempt Attempt(TaskSpec spec, int attempt = 1, string kind = "task") =>
        new(new AttemptKey(Guid.Parse("0191d5b4-1111-7000-8000-00000000abcd"), attempt), spec.Name, kind, spec, null);

    private static JsonNode Json(Overseer.Api.Kubernetes.Models.Job job) => JsonNode.Parse(JsonSerializer.Serialize(job, KubernetesJsonContext.Default.Job))!;

    [Fact]
    public void Job_holds_the_task_env_value_only_in_the_runner_env_and_no_api_secret()
    {
        const string AdminCanary = "canary-admin-7f3e9c1d5b2a4e6f8091";
        const string DatabaseCanary = "canary-db-2c4e6a8b0d1f3e5a7c9b";
        const string TaskCanary = "canary-task-9a8b7c6d5e4f3a2b1c0d";
        var builder = Builder(settings: new()
        {
            ["OVERSEER_ADMIN_TOKEN"] = AdminCanary,
            ["ConnectionStrings:overseer"] = $"Host=db;Username=overseer;Password={DatabaseCanary};Database=overseer",
        });

        var job = Json(builder.Build(Attempt(new TaskSpec { Name = "t", Command = ["true"], Env = new Dictionary<string, string> { ["CANARY"] = TaskCanary } }), "enroll"));

        var text = job.ToJsonString();
        Assert.DoesNotContain(AdminCanary, text, StringComparison.Ordinal);
        Assert.DoesNotContain(DatabaseCanary, text, StringComparison.Ordinal);
        var runner = job["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!;
        Assert.Contains(runner["env"]!.AsArray(), e => e!["name"]!.GetValue<string>() == "CANARY" && e["value"]!.GetValue<string>() == TaskCanary);
        runner.AsObject().Remove("env");
        Assert.DoesNotContain(TaskCanary, job.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_and_config_map_references_become_value_from_and_env_from_of_the_runner_only()
    {
        var job = Json(Builder().Build(Attempt(new TaskSpec
        {
            Name = "t",
            Command = ["true"],
            ValueFrom = new Dictionary<string, ValueFromSpec>
            {
                ["DB_PASSWORD"] = new() { SecretKeyRef = new KeyRef { Name = "db", Key = "password" } },
                ["MODE"] = new() { ConfigMapKeyRef = new KeyRef { Name = "app", Key = "mode", Optional = true } },
            },
            EnvFrom = [new() { SecretRef = new SourceRef { Name = "db" }, Prefix = "DB_" }, new() { ConfigMapRef = new SourceRef { Name = "app", Optional = true } }],
        }), "enroll"));

        var containers = job["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        var runner = containers.Single()!;
        var env = runner["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!);
        Assert.Equal("""{"name":"DB_PASSWORD","valueFrom":{"secretKeyRef":{"name":"db","key":"password"}}}""", env["DB_PASSWORD"].ToJsonString());
        Assert.Equal("""{"name":"MODE","valueFrom":{"configMapKeyRef":{"name":"app","key":"mode","optional":true}}}""", env["MODE"].ToJsonString());
        Assert.Equal("""[{"prefix":"DB_","secretRef":{"name":"db"}},{"configMapRef":{"name":"app","optional":true}}]""", runner["envFrom"]!.ToJsonString());
        var sidecar = job["spec"]!["template"]!["spec"]!["initContainers"]!.AsArray().Single()!;
        Assert.Null(sidecar["envFrom"]);
        Assert.DoesNotContain("secretKeyRef", sidecar.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Runner_env_follows_the_declaration_order_so_the_kubelet_can_expand_references_to_earlier_variables()
    {
        var job = Json(Builder().Build(Attempt(new TaskSpec
        {
            Name = "t",
            Command = ["true"],
            Env = new Dictionary<string, string> { ["URL"] = "https://$(HOST)/x", ["STAGE"] = "prod" },
            ValueFrom = new Dictionary<string, ValueFromSpec> { ["HOST"] = new() { ConfigMapKeyRef = new KeyRef { Name = "app", Key = "host" } } },
            EnvOrder = ["STAGE", "HOST", "URL"],
        }), "enroll"));

        var runner = job["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!;
        var names = runner["env"]!.AsArray().Select(e => (string)e!["name"]!).Where(n => !n.StartsWith("OVERSEER_", StringComparison.Ordinal)).Take(3);
        Assert.Equal(["STAGE", "HOST", "URL"], names);
    }

    [Fact]
    public void Task_pull_secrets_join_the_executors_without_repeats()
    {
        var job = Builder(o => o.ImagePullSecrets = ["regcred"]).Build(Attempt(new TaskSpec
        {
            Name = "t", Command = ["true"], ImagePullSecrets = ["ghcr-token", "regcred"],
        }), "enroll");

        Assert.Equal(["regcred", "ghcr-token"], job.Spec!.Template.Spec.ImagePullSecrets!.Select(s => s.Name));
    }

    [Fact]
    public void Job_policy_leaves_retries_to_the_state_machine_and_bounds_the_attempt()
    {
        var job = Builder().Build(Attempt(new TaskSpec { Name = "t", Command = ["true"], TimeoutSeconds = 42 }), "token");

        Assert.Equal(0, job.Spec!.BackoffLimit);
        Assert.Equal(42, job.Spec.ActiveDeadlineSeconds);
        Assert.Equal("Failed", job.Spec.PodReplacementPolicy);
        Assert.Equal(300, job.Spec.TtlSecondsAfterFinished);
        Assert.Equal("Never", job.Spec.Template.Spec.RestartPolicy);
        Assert.False(job.Spec.Template.Spec.AutomountServiceAccountToken);
        var rules = job.Spec.PodFailurePolicy!.Rules;
        // A disruption fails the Job: the Job controller never starts a second pod for one attempt.
        Assert.Equal(("FailJob", "DisruptionTarget"), (rules[0].Action, rules[0].OnPodConditions!.Single().Type));
        Assert.Equal(("FailJob", "runner", "NotIn"), (rules[1].Action, rules[1].OnExitCodes!.ContainerName, rules[1].OnExitCodes!.Operator));
    }

    [Fact]
    public void Pod_has_the_runner_and_a_native_sidecar_sharing_the_overseer_volume()
    {
        var job = Builder().Build(Attempt(new TaskSpec { Name = "t", Image = "app:1", Args = ["run"], Env = new Dictionary<string, string> { ["A"] = "b" } }), "token");
        var pod = job.Spec!.Template.Spec;

        var sidecar = Assert.Single(pod.InitContainers!);
        Assert.Equal(("sidecar", "Always"), (sidecar.Name, sidecar.RestartPolicy));
        var runner = Assert.Single(pod.Containers);
        Assert.Equal(("runner", "app:1"), (runner.Name, runner.Image));
        Assert.Null(runner.Command);
        Assert.Equal(["run"], runner.Args);
        Assert.Contains(runner.VolumeMounts!, m => m is { Name: "overseer", MountPath: "/overseer" });
        Assert.Contains(sidecar.VolumeMounts!, m => m is { Name: "overseer", MountPath: "/overseer" });
        var env = runner.Env!.ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal("b", env["A"]);
        Assert.Equal("http://127.0.0.1:8080", env["HTTP_PROXY"]);
        Assert.Equal("http://127.0.0.1:8081/v1/result", env["OVERSEER_RESULT_URL"]);
        Assert.Equal("1", env["OVERSEER_ATTEMPT"]);
    }

    [Fact]
    public void Every_container_passes_the_restricted_pod_security_profile()
    {
        var job = Json(Builder().Build(Attempt(new TaskSpec { Name = "t", Command = ["true"] }), "token"));

        var violations = RestrictedProfile.Check(job);

        Assert.Empty(violations);
        Assert.Equal(2, job["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Count + job["spec"]!["template"]!["spec"]!["initContainers"]!.AsArray().Count);
    }

    [Fact]
    public void Pool_is_a_restricted_work_queue_job_of_runtime_pods()
    {
        var pool = new PoolLaunch(3, "", [], new Dictionary<string, string> { ["OVERSEER_QUEUE"] = "q", ["OVERSEER_QUEUE_TOKEN"] = "ovq_x" },
            TimeSpan.FromSeconds(15), new PoolContainer(null, null, ["--", "convert"], Worker: true));
        var spec = new TaskSpec { Name = "pool-q", Command = ["convert"], Env = new Dictionary<string, string> { ["A"] = "b" } };
        var builder = Builder(o => o.RuntimeImage = "registry/worker:1", new() { ["services:api:http:0"] = "http://overseer-api:8080" });

        var job = builder.Build(Attempt(spec, kind: "pool"), "token", pool);
        var ownImage = builder.Build(Attempt(spec, kind: "pool"), "token", pool with { Container = new PoolContainer("mine:2", ["run"], [], Worker: false) });

        Assert.Equal(3, job.Spec!.Parallelism);
        Assert.Null(job.Spec.Completions);
        Assert.Equal("runtime", job.Metadata.Labels![JobLabels.Component]);
        var runner = job.Spec.Template.Spec.Containers.Single();
        Assert.Equal(("registry/worker:1", null), (runner.Image, runner.Command));
        Assert.Equal(["--", "convert"], runner.Args);
        var env = runner.Env!.ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal(("b", "q", "http://overseer-api:8080/"), (env["A"], env["OVERSEER_QUEUE"], env["OVERSEER_API_URL"]));
        Assert.Equal("127.0.0.1,localhost,overseer-api", env["NO_PROXY"]);
        Assert.Empty(RestrictedProfile.Check(Json(job)));
        var own = ownImage.Spec!.Template.Spec.Containers.Single();
        Assert.Equal(("mine:2", "run"), (own.Image, own.Command!.Single()));
        Assert.Null(own.Args);
    }

    [Fact]
    public void Name_is_deterministic_per_attempt_and_a_dns_label_of_at_most_63_characters()
    {
        var spec = new TaskSpec { Name = new string('a', 63), Command = ["true"] };
        var builder = Builder();

        var first = builder.Build(Attempt(spec), "x").Metadata.Name!;
        var again = builder.Build(Attempt(spec), "y").Metadata.Name!;
        var second = builder.Build(Attempt(spec, attempt: 2), "x").Metadata.Name!;

        Assert.Equal(first, again);
        Assert.NotEqual(first, second);
        Assert.True(first.Length <= 63);
        Assert.Null(Overseer.Contracts.Validation.Dns1123.CheckLabel(first));
    }

    [Fact]
    public void Labels_and_annotations_merge_settings_with_the_task_and_mark_the_attempt()
    {
        var job = Builder(o =>
        {
            o.JobLabels["team"] = "platform";
            o.JobLabels["tier"] = "settings";
            o.TaskPod.NodeSelector = """{"kubernetes.io/arch":"amd64"}""";
            o.ImagePullSecrets = ["registry"];
        }).Build(Attempt(new TaskSpec { Name = "t", Command = ["true"], Labels = new Dictionary<string, string> { ["tier"] = "task" } }, kind: "pool"), "x");

        var labels = job.Spec!.Template.Metadata!.Labels!;
        Assert.Equal(("platform", "task", "runtime", "overseer"), (labels["team"], labels["tier"], labels["app.kubernetes.io/component"], labels["app.kubernetes.io/managed-by"]));
        Assert.Equal("0191d5b4-1111-7000-8000-00000000abcd", labels["overseer.dev/task-id"]);
        Assert.Equal("amd64", job.Spec.Template.Spec.NodeSelector!["kubernetes.io/arch"]);
        Assert.Equal("registry", job.Spec.Template.Spec.ImagePullSecrets!.Single().Name);
    }

    [Fact]
    public void Malformed_pod_settings_fail_at_start_naming_the_key()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Builder(o => o.TaskPod.Tolerations = "{not json"));

        Assert.Contains("Kubernetes:TaskPod:Tolerations", error.Message);
    }
}
