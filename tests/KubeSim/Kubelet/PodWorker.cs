using System.Text.Json.Nodes;
using Overseer.KubeSim.Api;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Kubelet;

/// <summary>
/// Runs one pod: init containers in order (native sidecars start and keep running), then the main containers, then stops the
/// sidecars in reverse order; reports phase and container statuses as it goes. Deletion stops containers with SIGTERM and,
/// after the grace period, SIGKILL; then the pod object is removed.
/// </summary>
public sealed class PodWorker
{
    private readonly SimKubelet _kubelet;
    private readonly JsonObject _pod;
    private readonly List<ContainerRun> _containers = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _terminate = new();
    private readonly List<Task> _sidecarLoops = [];
    private string _phase = "Pending";
    private bool _initialized;
    private bool _stoppingSidecars;
    private bool _silent;
    private TimeSpan _grace = TimeSpan.FromSeconds(30);
    private DateTimeOffset _startTime;
    private Task _run = Task.CompletedTask;

    internal PodWorker(SimKubelet kubelet, StoredObject pod)
    {
        _kubelet = kubelet;
        _pod = pod.Node.DeepClone().AsObject();
        Namespace = pod.Namespace;
        Name = pod.Name;
        Uid = pod.Uid;
        var spec = _pod["spec"] as JsonObject ?? new JsonObject();
        RestartPolicy = SimJson.Str(spec, "restartPolicy") ?? "Always";
        _containers.AddRange((spec["initContainers"] as JsonArray ?? []).OfType<JsonObject>().Select(c => new ContainerRun(c, init: true)));
        _containers.AddRange((spec["containers"] as JsonArray ?? []).OfType<JsonObject>().Select(c => new ContainerRun(c, init: false)));
        Directory = Path.Combine(kubelet.WorkRoot, Uid);
    }

    /// <summary>Namespace of the pod.</summary>
    public string Namespace { get; }

    /// <summary>Name of the pod.</summary>
    public string Name { get; }

    /// <summary>Uid of the pod.</summary>
    public string Uid { get; }

    /// <summary>The pod's restart policy.</summary>
    public string RestartPolicy { get; }

    /// <summary>Host directory of the pod (volumes and working directory).</summary>
    public string Directory { get; }

    /// <summary>True once deletion (or a kill) was asked for.</summary>
    public bool Terminating => _terminate.IsCancellationRequested;

    /// <summary>Completes when the pod has finished (and, if deleted, been removed).</summary>
    public Task Completion => _run;

    internal void Start() => _run = Task.Run(RunAsync);

    /// <summary>Graceful deletion: SIGTERM to every container, SIGKILL after <paramref name="grace"/>; then the pod is removed.</summary>
    public void Terminate(TimeSpan grace)
    {
        lock (_lock)
        {
            if (Terminating)
            {
                return;
            }
            _grace = grace;
        }
        _terminate.Cancel();
        _ = Task.Run(() => StopAllAsync(c => !c.Sidecar, grace));
    }

    /// <summary>Kills every container at once and reports nothing more (the pod is gone, or its node is).</summary>
    public void Kill()
    {
        lock (_lock)
        {
            _silent = true;
        }
        _terminate.Cancel();
        foreach (var c in Snapshot())
        {
            c.Process?.Kill();
        }
    }

    /// <summary>Kills a container the way the kernel's OOM killer does: SIGKILL, then reason OOMKilled and exit code 137.</summary>
    public bool OomKill(string? container)
    {
        var target = Snapshot().FirstOrDefault(c => c.State == "running" && (container is null ? !c.Init : c.Name == container));
        if (target?.Process is not { } process)
        {
            return false;
        }
        target.ForcedReason = "OOMKilled";
        process.Kill();
        return true;
    }

    /// <summary>The log of a container's current run, or of its previous run; null when there is none.</summary>
    public ContainerLog? Log(string container, bool previous)
    {
        var c = Snapshot().FirstOrDefault(c => c.Name == container);
        if (c is null)
        {
            return null;
        }
        lock (_lock)
        {
            return previous ? (c.Logs.Count > 1 ? c.Logs[^2] : null) : c.Logs.LastOrDefault();
        }
    }

    /// <summary>The pod's containers (init containers first).</summary>
    public IReadOnlyList<ContainerRun> Containers => Snapshot();

    private List<ContainerRun> Snapshot()
    {
        lock (_lock)
        {
            return [.. _containers];
        }
    }

    private async Task RunAsync()
    {
        _startTime = _kubelet.Time.GetUtcNow();
        System.IO.Directory.CreateDirectory(Directory);
        Publish();
        var ok = true;
        foreach (var init in _containers.Where(c => c.Init))
        {
            if (Terminating)
            {
                ok = false;
                break;
            }
            if (init.Sidecar)
            {
                await StartAsync(init);
                _sidecarLoops.Add(Task.Run(() => SidecarLoopAsync(init)));
                continue;
            }
            if (await RunLoopAsync(init) != 0)
            {
                ok = false;
                break;
            }
        }
        _initialized = ok;
        if (ok)
        {
            var mains = _containers.Where(c => !c.Init).Select(c => Task.Run(() => RunLoopAsync(c))).ToList();
            _phase = "Running";
            Publish();
            await Task.WhenAll(mains);
        }
        lock (_lock)
        {
            _stoppingSidecars = true;
        }
        foreach (var sidecar in _containers.Where(c => c.Sidecar).Reverse())
        {
            if (sidecar.Process is { } process)
            {
                await process.StopAsync(_grace);
            }
        }
        await Task.WhenAll(_sidecarLoops);
        var mainsDone = _containers.Where(c => !c.Init).ToList();
        _phase = ok && mainsDone.All(c => c.State == "terminated" && c.ExitCode == 0) ? "Succeeded" : "Failed";
        Publish();
        if (Terminating && !_silent)
        {
            _kubelet.Store.Remove(ResourceKinds.Pods, Namespace, Name);
        }
    }

    /// <summary>Runs a container (restarting it as the pod's restart policy says) until it stays down; its last exit code.</summary>
    private async Task<int> RunLoopAsync(ContainerRun container)
    {
        while (true)
        {
            if (Terminating)
            {
                return container.State == "terminated" ? container.ExitCode : -1;
            }
            var exit = await RunOnceAsync(container);
            var restart = !Terminating && (RestartPolicy == "Always" || (RestartPolicy == "OnFailure" && exit != 0));
            if (!restart)
            {
                return exit;
            }
            await RestartDelayAsync(container);
        }
    }

    private async Task SidecarLoopAsync(ContainerRun sidecar)
    {
        while (sidecar.Process is { } process)
        {
            await process.Exited;
            Finish(sidecar, await process.Exited);
            lock (_lock)
            {
                if (_stoppingSidecars || Terminating)
                {
                    return;
                }
            }
            await RestartDelayAsync(sidecar);
            await StartAsync(sidecar);
        }
    }

    private async Task RestartDelayAsync(ContainerRun container)
    {
        lock (_lock)
        {
            container.LastTerminated = container.TerminatedJson();
            container.RestartCount++;
        }
        try
        {
            await Task.Delay(_kubelet.RestartDelay, _terminate.Token);
        }
        catch (OperationCanceledException)
        {
            // deleted meanwhile
        }
    }

    private async Task<int> RunOnceAsync(ContainerRun container)
    {
        await StartAsync(container);
        if (container.Process is not { } process || container.State != "running")
        {
            if (container.State == "waiting")
            {
                // A container that cannot be created waits until the pod is deleted, as a real kubelet keeps retrying.
                try
                {
                    await Task.Delay(Timeout.Infinite, _terminate.Token);
                }
                catch (OperationCanceledException)
                {
                    return -1;
                }
            }
            return container.ExitCode;
        }
        var exit = await process.Exited;
        Finish(container, exit);
        return exit;
    }

    private Task StartAsync(ContainerRun container)
    {
        lock (_lock)
        {
            var sources = new ConfigSources((kind, name) => _kubelet.Store.Copy(kind, Namespace, name), Namespace);
            ContainerLauncher.Launch(container, _pod, _kubelet.Images, Volumes(), Directory, sources, _kubelet.Time);
        }
        Publish();
        if (container.State == "running")
        {
            _kubelet.Events.Record(ResourceKinds.Pods, _pod, "Normal", "Started", $"Started container {container.Name}", "kubelet");
            if (ReadinessProbe.Of(container.Spec) is { } probe && container.Process is { } process)
            {
                _ = Task.Run(() => probe.RunAsync(process.Exited, ready => SetReady(container, process, ready), _kubelet.Time, _terminate.Token));
            }
        }
        return Task.CompletedTask;
    }

    private void SetReady(ContainerRun container, ContainerProcess run, bool ready)
    {
        lock (_lock)
        {
            if (container.Process != run)
            {
                return;
            }
            container.ProbeReady = ready;
        }
        Publish();
    }

    private void Finish(ContainerRun container, int exit)
    {
        lock (_lock)
        {
            container.State = "terminated";
            container.ExitCode = container.ForcedReason == "OOMKilled" ? 137 : exit;
            container.Reason = container.ForcedReason ?? (exit == 0 ? "Completed" : "Error");
            container.FinishedAt = _kubelet.Time.GetUtcNow();
        }
        Publish();
    }

    private async Task StopAllAsync(Func<ContainerRun, bool> which, TimeSpan grace)
    {
        var running = Snapshot().Where(c => which(c) && c.State == "running" && c.Process is not null).ToList();
        foreach (var c in running)
        {
            _kubelet.Events.Record(ResourceKinds.Pods, _pod, "Normal", "Killing", $"Stopping container {c.Name}", "kubelet");
        }
        await Task.WhenAll(running.Select(c => c.Process!.StopAsync(grace)));
    }

    private Dictionary<string, string> Volumes()
    {
        var volumes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var volume in _pod["spec"]?["volumes"] as JsonArray ?? [])
        {
            var name = SimJson.Str(volume, "name") ?? "";
            var dir = Path.Combine(Directory, "volumes", name);
            System.IO.Directory.CreateDirectory(dir);
            volumes[name] = dir;
        }
        return volumes;
    }

    private void Publish()
    {
        lock (_lock)
        {
            if (_silent)
            {
                return;
            }
            var now = _kubelet.Store.Now();
            var updated = _kubelet.Store.Mutate(ResourceKinds.Pods, Namespace, Name, pod =>
            {
                if (SimJson.Str(pod["metadata"], "uid") != Uid)
                {
                    return false;
                }
                SimJson.Child(pod, "spec")["nodeName"] = SimKubelet.NodeName;
                PodStatusBuilder.Write(pod, _phase, _initialized, _containers, _startTime, now);
                return true;
            });
            if (updated is null)
            {
                _silent = true;
            }
        }
    }
}
