using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.KubeSim.Store;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.Executor;

/// <summary>Task outcomes on the Kubernetes executor: every attempt a Job in KubeSim, learned from the shared watch.</summary>
public sealed class KubernetesExecutorTests(KubernetesApi kube) : IClassFixture<KubernetesApi>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private OverseerClient Client => kube.Client;

    private static TaskSpec Spec(string name, params string[] command) => new() { Name = name, Image = "busybox:1.36", Command = command };

    private async Task<TaskDto> RunAsync(TaskSpec spec) => await Client.WaitForTerminalAsync((await Client.SubmitTaskAsync(spec)).Id, Wait);

    private async Task<string> RunningPodAsync(Guid taskId, int attempt = 1)
    {
        string? pod = null;
        await Eventually.TrueAsync(() =>
        {
            pod = kube.Sim.Cluster.Store.List(ResourceKinds.Pods, "default").Items.Select(o => o.Node)
                .Where(p => (string?)p["metadata"]?["labels"]?["overseer.dev/task-id"] == taskId.ToString()
                    && (string?)p["metadata"]?["labels"]?["overseer.dev/attempt"] == attempt.ToString()
                    && (string?)p["status"]?["phase"] == "Running")
                .Select(p => (string?)p["metadata"]?["name"]).FirstOrDefault();
            return pod is not null;
        }, Wait, $"a running pod of task {taskId} attempt {attempt}");
        return pod!;
    }

    [Fact]
    public async Task Success_is_read_from_the_runner_and_its_log_outlives_the_pod()
    {
        var task = await RunAsync(Spec("kube-ok", "sh", "-c", "echo hello from the pod"));

        Assert.Equal(TaskState.Succeeded, task.State);
        var attempt = Assert.Single(task.Attempts);
        Assert.Equal(("kubernetes", 0), (attempt.Executor, attempt.ExitCode));
        Assert.NotNull(attempt.StartedAt);
        Assert.Equal("hello from the pod\n", await Client.GetLogsAsync(task.Id));
    }

    [Fact]
    public async Task Failure_keeps_the_runners_exit_code()
    {
        var task = await RunAsync(Spec("kube-fail", "sh", "-c", "echo failing >&2; exit 7"));

        Assert.Equal(TaskState.Failed, task.State);
        Assert.Equal((7, FailureType.Application), (task.Attempts.Single().ExitCode, task.Attempts.Single().FailureType));
        Assert.Contains("failing", await Client.GetLogsAsync(task.Id));
    }

    [Fact]
    public async Task Deadline_exceeded_ends_timed_out()
    {
        var task = await RunAsync(Spec("kube-slow", "sleep", "60") with { TimeoutSeconds = 2 });

        Assert.Equal(TaskState.TimedOut, task.State);
        Assert.Equal(FailureType.Timeout, task.Attempts.Single().FailureType);
    }

    [Fact]
    public async Task Cancel_deletes_the_job_and_ends_cancelled()
    {
        var submitted = await Client.SubmitTaskAsync(Spec("kube-cancel", "sleep", "60"));
        await RunningPodAsync(submitted.Id);

        await Client.CancelTaskAsync(submitted.Id);
        var task = await Client.WaitForTerminalAsync(submitted.Id, Wait);

        Assert.Equal(TaskState.Cancelled, task.State);
        await Eventually.TrueAsync(() => !kube.Sim.Cluster.Store.List(ResourceKinds.Jobs, "default").Items.Select(o => o.Node)
            .Any(j => (string?)j["metadata"]?["labels"]?["overseer.dev/task-id"] == submitted.Id.ToString()), Wait, "Job deleted");
    }

    [Fact]
    public async Task Oom_kill_fails_with_failure_type_resource()
    {
        var submitted = await Client.SubmitTaskAsync(Spec("kube-oom", "sleep", "60"));
        var pod = await RunningPodAsync(submitted.Id);

        kube.Sim.Cluster.OomKill("default", pod, "runner");
        var task = await Client.WaitForTerminalAsync(submitted.Id, Wait);

        Assert.Equal(TaskState.Failed, task.State);
        Assert.Equal((137, FailureType.Resource), (task.Attempts.Single().ExitCode, task.Attempts.Single().FailureType));
    }

    [Fact]
    public async Task Eviction_is_retried_without_spending_the_application_budget()
    {
        var marker = Path.Combine(kube.Sim.Directory, $"evicted-{Guid.NewGuid():N}");
        var submitted = await Client.SubmitTaskAsync(Spec("kube-evict", "sh", "-c", $"if [ -e {marker} ]; then exit 0; fi; touch {marker}; sleep 60") with { Retries = 0 });
        var pod = await RunningPodAsync(submitted.Id);
        await Eventually.TrueAsync(() => File.Exists(marker), Wait, "first attempt ran");

        kube.Sim.Cluster.EvictPod("default", pod);
        var task = await Client.WaitForTerminalAsync(submitted.Id, Wait);

        Assert.Equal(TaskState.Succeeded, task.State);
        Assert.Equal((AttemptState.Lost, FailureType.Infrastructure), (task.Attempts[0].State, task.Attempts[0].FailureType!.Value));
        Assert.Equal(AttemptState.Succeeded, task.Attempts[1].State);
    }

    [Fact]
    public async Task Pod_deleted_by_someone_else_is_lost_and_retried()
    {
        var marker = Path.Combine(kube.Sim.Directory, $"deleted-{Guid.NewGuid():N}");
        var submitted = await Client.SubmitTaskAsync(Spec("kube-podgone", "sh", "-c", $"if [ -e {marker} ]; then exit 0; fi; touch {marker}; sleep 60"));
        var pod = await RunningPodAsync(submitted.Id);
        await Eventually.TrueAsync(() => File.Exists(marker), Wait, "first attempt ran");

        kube.Sim.Cluster.DeletePod("default", pod);
        var task = await Client.WaitForTerminalAsync(submitted.Id, Wait);

        Assert.Equal(TaskState.Succeeded, task.State);
        Assert.Equal(AttemptState.Lost, task.Attempts[0].State);
        Assert.Contains("deleted", task.Attempts[0].Reason);
    }

    [Fact]
    public async Task Image_that_cannot_be_pulled_fails_with_its_reason_before_the_deadline()
    {
        var submitted = await Client.SubmitTaskAsync(new TaskSpec { Name = "kube-noimage", Image = "unpullable/app:1", Command = ["true"], TimeoutSeconds = 600 });

        await Eventually.TrueAsync(async () => (await Client.GetTaskAsync(submitted.Id)).WaitingReason?.StartsWith("ImagePullBackOff", StringComparison.Ordinal) == true,
            Wait, "waiting reason shown");
        var task = await Client.WaitForTerminalAsync(submitted.Id, Wait);

        Assert.Equal(TaskState.Failed, task.State);
        Assert.Contains("could not be pulled", task.Attempts.Single().Reason);
        Assert.Contains("unpullable/app:1", task.Attempts.Single().Reason);
    }

    [Fact]
    public async Task Secret_reference_reaches_the_runner_and_its_value_is_in_no_job_and_no_answer()
    {
        const string Canary = "canary-kube-secret-3d9b1f7e";
        kube.Sim.Cluster.Store.Create(ResourceKinds.Secrets, "default", new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "kdb" },
            ["data"] = new System.Text.Json.Nodes.JsonObject { ["password"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Canary)) },
        });

        // The command must not hold the value either: it prints the value's hash.
        var task = await RunAsync(Spec("kube-secret", "sh", "-c", "test \"$DB_PASSWORD\" = \"$KDB_password\" && printf %s \"$DB_PASSWORD\" | sha256sum | cut -c1-16") with
        {
            ValueFrom = new Dictionary<string, ValueFromSpec> { ["DB_PASSWORD"] = new() { SecretKeyRef = new KeyRef { Name = "kdb", Key = "password" } } },
            EnvFrom = [new() { SecretRef = new SourceRef { Name = "kdb" }, Prefix = "KDB_" }],
        });

        Assert.Equal(TaskState.Succeeded, task.State);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Canary)))[..16] + "\n",
            await Client.GetLogsAsync(task.Id));
        var jobs = kube.Sim.Cluster.Store.List(ResourceKinds.Jobs, "default").Items.Select(o => o.Node.ToJsonString()).ToList();
        Assert.Contains(jobs, j => j.Contains("\"secretKeyRef\"", StringComparison.Ordinal) && j.Contains(task.Id.ToString(), StringComparison.Ordinal));
        Assert.All(jobs, j => Assert.DoesNotContain(Canary, j, StringComparison.Ordinal));
        Assert.DoesNotContain(Canary, await Client.Http.GetStringAsync($"api/v1/tasks/{task.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_secret_fails_the_attempt_with_the_kubelets_reason_before_the_deadline()
    {
        var task = await RunAsync(Spec("kube-nosecret", "true") with
        {
            TimeoutSeconds = 600,
            ValueFrom = new Dictionary<string, ValueFromSpec> { ["X"] = new() { SecretKeyRef = new KeyRef { Name = "absent", Key = "k" } } },
        });

        Assert.Equal(TaskState.Failed, task.State);
        Assert.Contains("could not be configured", task.Attempts.Single().Reason);
        Assert.Contains("CreateContainerConfigError", task.Attempts.Single().Reason);
        Assert.Contains("absent", task.Attempts.Single().Reason);
    }
}
