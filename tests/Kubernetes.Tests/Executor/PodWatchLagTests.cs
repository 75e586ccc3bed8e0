using System.Net.Http.Headers;
using System.Text.Json;
using Overseer.Contracts.Client;
using Overseer.Contracts.Queues;
using Overseer.Contracts.Tasks;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.Executor;

/// <summary>
/// The pod watch lagging the Job watch by 2 s (KubeSim's watch-lag fault), so every Job ends before its pod's end is seen:
/// the executor waits for the pod instead of ending the attempt without the runner's exit code and log.
/// </summary>
public sealed class PodWatchLagTests(KubernetesApi kube) : IClassFixture<KubernetesApi>, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    public void Dispose() => kube.Sim.Cluster.Faults.Reset();

    private void LagPods() => kube.Sim.Cluster.Faults.WatchLag["pods"] = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Failed_job_seen_before_its_pod_keeps_the_runners_exit_code_and_log()
    {
        LagPods();
        var id = (await kube.Client.SubmitTaskAsync(new TaskSpec
        {
            Name = "lag-fail", Image = "busybox:1.36", Command = ["sh", "-c", "echo lagging failure >&2; exit 7"],
        })).Id;

        var task = await kube.Client.WaitForTerminalAsync(id, Wait);

        Assert.Equal(TaskState.Failed, task.State);
        Assert.Equal((7, FailureType.Application), (task.Attempts.Single().ExitCode, task.Attempts.Single().FailureType));
        Assert.Contains("lagging failure", await kube.Client.GetLogsAsync(id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Succeeded_job_seen_before_its_pod_keeps_the_log()
    {
        LagPods();
        var id = (await kube.Client.SubmitTaskAsync(new TaskSpec
        {
            Name = "lag-ok", Image = "busybox:1.36", Command = ["sh", "-c", "echo lagging success"],
        })).Id;

        var task = await kube.Client.WaitForTerminalAsync(id, Wait);

        Assert.Equal((TaskState.Succeeded, 0), (task.State, task.Attempts.Single().ExitCode));
        Assert.Equal("lagging success\n", await kube.Client.GetLogsAsync(id));
    }

    [Fact]
    public async Task Failed_pool_job_seen_before_its_pod_is_a_failed_run_with_the_runtimes_exit_code()
    {
        LagPods();
        var queues = new QueuesClient(new HttpClient
        {
            BaseAddress = kube.Client.Http.BaseAddress,
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", KubernetesApi.Token) },
        });
        await queues.DefineAsync("lagcrash", new QueueSpec
        {
            Runtime = "command", Image = "busybox:1.36", Command = ["sh", "-c", "echo runtime broke >&2; exit 7"], WaitTimeAfterFailedRun = "5m",
        });
        await queues.EnqueueAsync("lagcrash", [new EnqueueItem { Payload = JsonSerializer.SerializeToElement(1) }]);

        QueueDto? queue = null;
        await Eventually.TrueAsync(async () => (queue = await queues.GetAsync("lagcrash")).Pool.State == "waiting", Wait,
            "the wait after the pool ended");
        var pool = await kube.Client.GetTaskAsync(queue!.Pool.LastPoolTaskId!.Value);

        Assert.StartsWith("waiting 5m after a failed run", queue.Pool.Reason, StringComparison.Ordinal);
        Assert.Equal((TaskState.Failed, 7), (pool.State, pool.Attempts.Single().ExitCode));
        Assert.Contains("runtime broke", await kube.Client.GetLogsAsync(pool.Id), StringComparison.Ordinal);
    }
}
