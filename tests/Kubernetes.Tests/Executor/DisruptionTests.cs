using Overseer.Api.Execution.Kubernetes;
using Overseer.Api.StateMachine;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.KubeSim.Store;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.Executor;

/// <summary>
/// One owner of a disrupted attempt's retry: the state machine. A pod deleted, evicted, preempted or lost with its node
/// fails its Job (the pod failure policy), so the Job controller never starts a second pod for the attempt; the attempt
/// ends Lost on the infrastructure budget and the next attempt is a new Job. Each case runs with and without the pod
/// watch lagging 2 s behind the Job watch, and counts starts from the runner's own marker file.
/// </summary>
public sealed class DisruptionTests(KubernetesApi kube) : IClassFixture<KubernetesApi>, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    public void Dispose() => kube.Sim.Cluster.Faults.Reset();

    [Theory]
    [InlineData("delete", false)]
    [InlineData("delete", true)]
    [InlineData("evict", false)]
    [InlineData("evict", true)]
    [InlineData("preempt", false)]
    [InlineData("preempt", true)]
    [InlineData("node-lost", false)]
    [InlineData("node-lost", true)]
    public async Task Disrupted_attempt_starts_once_and_is_retried_as_a_new_job_without_spending_the_application_budget(string disruption, bool lag)
    {
        if (lag)
        {
            kube.Sim.Cluster.Faults.WatchLag["pods"] = TimeSpan.FromSeconds(2);
        }
        var markers = Path.Combine(kube.Sim.Directory, $"starts-{Guid.NewGuid():N}");
        var submitted = await kube.Client.SubmitTaskAsync(new TaskSpec
        {
            Name = $"disrupt-{disruption}",
            Image = "busybox:1.36",
            Command = ["sh", "-c", $"echo \"s $OVERSEER_ATTEMPT\" >> {markers}; if [ \"$OVERSEER_ATTEMPT\" -gt 1 ]; then exit 0; fi; sleep 60"],
            Retries = 0,
        });
        var pod = await RunningPodAsync(submitted.Id);
        await Eventually.TrueAsync(() => File.Exists(markers), Wait, "the first attempt's runner started");

        var reason = await DisruptAsync(disruption, pod);
        var task = await kube.Client.WaitForTerminalAsync(submitted.Id, Wait);

        Assert.Equal(TaskState.Succeeded, task.State);
        Assert.Equal(2, task.Attempts.Count);
        Assert.Equal((AttemptState.Lost, FailureType.Infrastructure), (task.Attempts[0].State, task.Attempts[0].FailureType!.Value));
        Assert.Contains(reason, task.Attempts[0].Reason, StringComparison.Ordinal);
        Assert.Equal(AttemptState.Succeeded, task.Attempts[1].State);
        Assert.Equal(["s 1", "s 2"], File.ReadAllLines(markers));
        Assert.Equal(1, PodsCreatedFor(submitted.Id, task.Name, attempt: 1));
        Assert.Equal(1, PodsCreatedFor(submitted.Id, task.Name, attempt: 2));
    }

    private async Task<string> DisruptAsync(string disruption, string pod)
    {
        switch (disruption)
        {
            case "delete":
                kube.Sim.Cluster.DeletePod("default", pod);
                return "deleted";
            case "evict":
                kube.Sim.Cluster.EvictPod("default", pod);
                return "EvictionByEvictionAPI";
            case "preempt":
                kube.Sim.Cluster.PreemptPod("default", pod);
                return "PreemptionByScheduler";
            default:
                Assert.True(await kube.Sim.Cluster.LoseNodeAsync() >= 1);
                return "DeletionByPodGC";
        }
    }

    private async Task<string> RunningPodAsync(Guid taskId)
    {
        string? pod = null;
        await Eventually.TrueAsync(() => (pod = PodsOf(taskId, 1)
            .Where(p => (string?)p["status"]?["phase"] == "Running")
            .Select(p => (string?)p["metadata"]?["name"]).FirstOrDefault()) is not null, Wait, $"a running pod of task {taskId}");
        return pod!;
    }

    private IEnumerable<System.Text.Json.Nodes.JsonNode> PodsOf(Guid taskId, int attempt) =>
        kube.Sim.Cluster.Store.List(ResourceKinds.Pods, "default").Items.Select(o => o.Node)
            .Where(p => (string?)p["metadata"]?["labels"]?["overseer.dev/task-id"] == taskId.ToString()
                && (string?)p["metadata"]?["labels"]?["overseer.dev/attempt"] == attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Pods the Job controller created for the attempt's Job, from its events (the pods, and a lost attempt's Job, are gone).</summary>
    private int PodsCreatedFor(Guid taskId, string taskName, int attempt)
    {
        var job = JobNames.For(taskName, new AttemptKey(taskId, attempt));
        return kube.Sim.Cluster.Store.List(ResourceKinds.Events, "default").Items.Select(o => o.Node)
            .Count(e => (string?)e["involvedObject"]?["kind"] == "Job" && (string?)e["involvedObject"]?["name"] == job
                && (string?)e["reason"] == "SuccessfulCreate");
    }
}
