using System.Text.Json.Nodes;
using Overseer.KubeSim.Api;
using Overseer.KubeSim.Controllers;
using Overseer.KubeSim.Faults;
using Overseer.KubeSim.Kubelet;
using Overseer.KubeSim.Security;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Hosting;

/// <summary>Everything behind the API: store, controllers, kubelet, users, request stats, fault switches.</summary>
public sealed class SimCluster : IAsyncDisposable
{
    private readonly bool _ownsWorkRoot;

    /// <summary>Creates the cluster and starts its controllers.</summary>
    public SimCluster(KubeSimOptions options)
    {
        Options = options;
        Store = new ObjectStore(options.Time, options.HistoryLimit);
        Events = new EventRecorder(Store);
        Deleter = new Deleter(Store);
        Faults = new SimFaults(options.Seed);
        _ownsWorkRoot = options.WorkRoot is null;
        var workRoot = options.WorkRoot ?? Path.Combine(Path.GetTempPath(), $"kubesim-{Guid.NewGuid():N}");
        Directory.CreateDirectory(workRoot);
        Kubelet = new SimKubelet(Store, Events, options.Images, workRoot, options.ContainerRestartDelay);
        Jobs = new JobController(Store, Deleter, Events, options.JobBackoff);
        Kubelet.Start();
        Jobs.Start();
    }

    /// <summary>Settings.</summary>
    public KubeSimOptions Options { get; }

    /// <summary>The objects.</summary>
    public ObjectStore Store { get; }

    /// <summary>Event writer.</summary>
    public EventRecorder Events { get; }

    /// <summary>Deletion with grace and propagation.</summary>
    public Deleter Deleter { get; }

    /// <summary>API fault switches.</summary>
    public SimFaults Faults { get; }

    /// <summary>Requests per verb and resource.</summary>
    public RequestStats Stats { get; } = new();

    /// <summary>Tokens and authorization rules.</summary>
    public SimUsers Users { get; } = new();

    /// <summary>Snapshots behind continue tokens.</summary>
    public ContinueTokens ContinueTokens { get; } = new();

    /// <summary>The node.</summary>
    public SimKubelet Kubelet { get; }

    /// <summary>The job controller.</summary>
    public JobController Jobs { get; }

    /// <summary>Drops the connection of every open watch (clients see a broken stream).</summary>
    public int DisconnectWatches() => Store.EndWatches(gone: false, abort: true);

    /// <summary>Forgets the change history and ends open watches with a 410 ERROR event, so clients must list again.</summary>
    public int ForceGone() => Store.EndWatches(gone: true);

    private const string SchedulerName = "default-scheduler";

    /// <summary>Evicts a pod as the Eviction API does: a <c>DisruptionTarget</c> condition, then a graceful delete (the pod ends Failed).</summary>
    public void EvictPod(string ns, string name)
    {
        AddCondition(ns, name, "DisruptionTarget", "EvictionByEvictionAPI", "Eviction API: evicting");
        Deleter.DeletePod(ns, name, null);
    }

    /// <summary>Preempts a pod as the scheduler does for a higher-priority pod: a <c>DisruptionTarget</c> condition, then a graceful delete.</summary>
    public void PreemptPod(string ns, string name)
    {
        AddCondition(ns, name, "DisruptionTarget", "PreemptionByScheduler", $"{SchedulerName}: preempting to accommodate a higher priority pod");
        Deleter.DeletePod(ns, name, null);
    }

    /// <summary>Deletes a pod as <c>kubectl delete pod</c> does.</summary>
    public void DeletePod(string ns, string name) => Deleter.DeletePod(ns, name, null);

    /// <summary>OOM-kills a container (the first running main container when null): reason OOMKilled, exit code 137.</summary>
    public bool OomKill(string ns, string name, string? container)
    {
        var pod = Store.Get(ResourceKinds.Pods, ns, name) ?? throw SimApiException.NotFound(ResourceKinds.Pods, name);
        return Kubelet.Worker(pod.Uid)?.OomKill(container) ?? false;
    }

    /// <summary>
    /// The node is lost: its processes die unreported, its pods turn <c>Unknown</c>; after <see cref="KubeSimOptions.NodeLostDeleteAfter"/>
    /// they are marked Failed with <c>DisruptionTarget</c> (as pod garbage collection does) and deleted.
    /// </summary>
    public async Task<int> LoseNodeAsync()
    {
        var lost = Kubelet.LoseNode();
        foreach (var worker in lost)
        {
            Store.Mutate(ResourceKinds.Pods, worker.Namespace, worker.Name, pod =>
            {
                var status = SimJson.Child(pod, "status");
                if (SimJson.Str(status, "phase") is "Succeeded" or "Failed")
                {
                    return false;
                }
                status["phase"] = "Unknown";
                status["reason"] = "NodeLost";
                status["message"] = $"Node {SimKubelet.NodeName} which was running pod {worker.Name} is unresponsive";
                foreach (var condition in (status["conditions"] as JsonArray ?? []).OfType<JsonObject>()
                             .Where(c => SimJson.Str(c, "type") is "Ready" or "ContainersReady"))
                {
                    condition["status"] = "Unknown";
                }
                return true;
            });
        }
        await Task.Delay(Options.NodeLostDeleteAfter, Options.Time);
        foreach (var worker in lost)
        {
            AddCondition(worker.Namespace, worker.Name, "DisruptionTarget", "DeletionByPodGC", "PodGC: node no longer exists");
            Store.Mutate(ResourceKinds.Pods, worker.Namespace, worker.Name, pod =>
            {
                var status = SimJson.Child(pod, "status");
                if (SimJson.Str(status, "phase") is "Succeeded" or "Failed")
                {
                    return false;
                }
                status["phase"] = "Failed";
                return true;
            });
            Store.Remove(ResourceKinds.Pods, worker.Namespace, worker.Name);
        }
        return lost.Count;
    }

    private void AddCondition(string ns, string name, string type, string reason, string message)
    {
        var now = Store.Now();
        var result = Store.Mutate(ResourceKinds.Pods, ns, name, pod =>
        {
            var conditions = SimJson.Array(SimJson.Child(pod, "status"), "conditions");
            conditions.RemoveAll(c => SimJson.Str(c, "type") == type);
            conditions.Add(new JsonObject
            {
                ["type"] = type,
                ["status"] = "True",
                ["lastProbeTime"] = null,
                ["lastTransitionTime"] = now,
                ["reason"] = reason,
                ["message"] = message,
            });
            return true;
        });
        if (result is null)
        {
            throw SimApiException.NotFound(ResourceKinds.Pods, name);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Store.Close();
        await Jobs.DisposeAsync();
        await Kubelet.DisposeAsync();
        if (_ownsWorkRoot)
        {
            try
            {
                Directory.Delete(Kubelet.WorkRoot, recursive: true);
            }
            catch (IOException)
            {
                // a process may still hold a file; the temp directory is harmless
            }
        }
    }
}
