using System.Diagnostics;
using Overseer.Api.Execution.Kubernetes;
using Overseer.Chaos.Report;
using Overseer.KubeSim.Hosting;
using Overseer.KubeSim.Kubelet;
using Overseer.KubeSim.Store;
using Overseer.Testing;

namespace Overseer.Chaos.Scenarios;

/// <summary>
/// Scenario 9: the Api runs tasks as Jobs on KubeSim (Kubernetes executor) while the simulator answers 429/500, drops
/// create responses, drops watches, expires the watch history (410), deletes and evicts task pods and loses its node,
/// in turn at seeded moments. Tasks whose pod or node was taken may fail or lose attempts; no task may be lost, and no
/// (task, attempt) may own two Jobs.
/// </summary>
public sealed class KubeSimScenario : Scenario
{
    private KubeSimServer? _sim;

    /// <inheritdoc />
    public override string Name => "kubesim-faults";

    /// <inheritdoc />
    protected override async Task<IAsyncDisposable?> StartSurroundingsAsync(Dictionary<string, string?> nodeSettings, ScenarioSettings settings, CancellationToken ct)
    {
        var images = new ImageMap();
        // Sidecars are a stand-in: this scenario is about the executor, the relay has its own.
        images.Add(new ImageMapping("overseer/sidecar", ["sleep", "3600"]));
        _sim = await KubeSimServer.StartAsync(new KubeSimOptions { Images = images, Seed = settings.Seed }, cancellationToken: ct);
        var dir = TestDirectories.Create("chaos-kube");
        var kubeconfig = Path.Combine(dir, "kubeconfig");
        _sim.WriteKubeconfig(kubeconfig);
        nodeSettings["Executor__Kind"] = "kubernetes";
        nodeSettings["Kubernetes__Kubeconfig"] = kubeconfig;
        nodeSettings["Kubernetes__SidecarImage"] = "overseer/sidecar:test";
        nodeSettings["Kubernetes__SidecarPorts"] = "unique";
        nodeSettings["Kubernetes__ImagePullBackOffLimit"] = "00:00:03";
        nodeSettings["Kubernetes__TerminationGracePeriodSeconds"] = "5";
        nodeSettings["Kubernetes__WatchRetryBaseDelay"] = "00:00:00.100";
        nodeSettings["Kubernetes__RetryBaseDelay"] = "00:00:00.050";
        return new Surroundings(_sim, dir);
    }

    /// <inheritdoc />
    protected override async Task RunFaultsAsync(ChaosEnvironment env, ScenarioResult result, CancellationToken ct)
    {
        var cluster = _sim!.Cluster;
        var burst = env.Workload.BurstAsync(env.Settings.Tasks, Workload.Workload.Succeeding, TimeSpan.FromMilliseconds(150 * env.Settings.Tasks), ct);
        for (var i = 0; i < env.Settings.Faults; i++)
        {
            await Task.Delay(env.Draw(300, 1500), ct);
            var faultAt = Stopwatch.StartNew();
            var what = await InjectAsync(env, cluster, i % 7, ct);
            env.Log($"{Name}: {what}");
            result.Faults++;
            result.Recoveries.Add(await env.Workload.ProbeAsync(faultAt, ct));
        }
        await burst;
        var ids = env.Workload.Submitted.Select(t => t.Id).ToList();
        await env.Workload.WaitTerminalAsync(ids, env.Settings.DrainTimeout, ct);
        foreach (var twice in cluster.Store.List(ResourceKinds.Jobs, null).Items
            .GroupBy(j => (Label(j, JobLabels.TaskId), Label(j, JobLabels.Attempt))).Where(g => g.Count() > 1))
        {
            result.Problems.Add($"task {twice.Key.Item1} attempt {twice.Key.Item2} has {twice.Count()} Jobs");
        }
    }

    private static async Task<string> InjectAsync(ChaosEnvironment env, SimCluster cluster, int kind, CancellationToken ct)
    {
        switch (kind)
        {
            case 0:
                cluster.Faults.InternalErrorRate = 0.3;
                cluster.Faults.TooManyRequestsRate = 0.2;
                await Task.Delay(env.Draw(1000, 3000), ct);
                cluster.Faults.Reset();
                return "30% 500s and 20% 429s for a while";
            case 1:
                cluster.Faults.DropCreateResponses(2);
                return "the next 2 create responses dropped";
            case 2:
                return $"{cluster.DisconnectWatches()} watches dropped";
            case 3:
                return $"{cluster.ForceGone()} watches ended with 410";
            case 4 or 5:
                var pod = RunningTaskPod(env, cluster);
                if (pod is null)
                {
                    // Nothing runs right now: start something to take away.
                    await env.Workload.SubmitAsync(Workload.TaskKind.Slow, ct);
                    var waited = Stopwatch.StartNew();
                    while ((pod = RunningTaskPod(env, cluster)) is null && waited.Elapsed < TimeSpan.FromSeconds(30))
                    {
                        await Task.Delay(100, ct);
                    }
                }
                if (pod is null)
                {
                    return "no task pod ran within 30 s to delete or evict";
                }
                env.DisturbedTasks[pod.Value.TaskId] = true;
                if (kind == 4)
                {
                    cluster.DeletePod(pod.Value.Namespace, pod.Value.Name);
                    return $"pod {pod.Value.Name} deleted";
                }
                cluster.EvictPod(pod.Value.Namespace, pod.Value.Name);
                return $"pod {pod.Value.Name} evicted";
            default:
                foreach (var taskPod in TaskPods(cluster))
                {
                    env.DisturbedTasks[taskPod.TaskId] = true;
                }
                return $"node lost with {await cluster.LoseNodeAsync()} pods";
        }
    }

    private static (string Namespace, string Name, Guid TaskId)? RunningTaskPod(ChaosEnvironment env, SimCluster cluster)
    {
        var running = TaskPods(cluster).Where(p => p.Phase == "Running").Select(p => (p.Namespace, p.Name, p.TaskId)).ToList();
        return running.Count == 0 ? null : running[env.Random.Next(running.Count)];
    }

    private static IEnumerable<(string Namespace, string Name, Guid TaskId, string? Phase)> TaskPods(SimCluster cluster) =>
        cluster.Store.List(ResourceKinds.Pods, null).Items
            .Where(p => Guid.TryParse(Label(p, JobLabels.TaskId), out _))
            .Select(p => (p.Namespace, p.Name, Guid.Parse(Label(p, JobLabels.TaskId)!), p.Node["status"]?["phase"]?.GetValue<string>()));

    private static string? Label(StoredObject o, string name) => o.Node["metadata"]?["labels"]?[name]?.GetValue<string>();

    private sealed class Surroundings(KubeSimServer sim, string dir) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await sim.DisposeAsync();
            TestDirectories.Delete(dir);
        }
    }
}
