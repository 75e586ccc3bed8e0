using System.Collections.Concurrent;
using Overseer.KubeSim.Api;
using Overseer.KubeSim.Controllers;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Kubelet;

/// <summary>
/// The one node of the simulated cluster: watches pods (in-process), runs each in a <see cref="PodWorker"/>, finishes graceful
/// deletions, keeps logs while the pod exists.
/// </summary>
public sealed class SimKubelet : IAsyncDisposable
{
    /// <summary>Name of the node every pod runs on.</summary>
    public const string NodeName = "kubesim-node";

    private readonly ConcurrentDictionary<string, PodWorker> _workers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Creates the kubelet; <see cref="Start"/> starts it.</summary>
    public SimKubelet(ObjectStore store, EventRecorder events, ImageMap images, string workRoot, TimeSpan restartDelay)
    {
        Store = store;
        Events = events;
        Images = images;
        WorkRoot = workRoot;
        RestartDelay = restartDelay;
    }

    internal ObjectStore Store { get; }

    internal EventRecorder Events { get; }

    /// <summary>What images run.</summary>
    public ImageMap Images { get; }

    /// <summary>Parent of the pods' host directories.</summary>
    public string WorkRoot { get; }

    internal TimeSpan RestartDelay { get; }

    internal TimeProvider Time => Store.Time;

    /// <summary>Starts watching pods.</summary>
    public void Start()
    {
        var events = Store.Subscribe(ResourceKinds.Pods);
        _loop = Task.Run(async () =>
        {
            await foreach (var e in events.ReadAllAsync(_stop.Token))
            {
                Handle(e);
            }
        });
    }

    /// <summary>The worker of a pod, if the kubelet runs it.</summary>
    public PodWorker? Worker(string uid) => _workers.GetValueOrDefault(uid);

    /// <summary>The workers of every pod still running.</summary>
    public IReadOnlyList<PodWorker> Workers => [.. _workers.Values];

    /// <summary>Node loss: every process dies and nothing is reported any more. Returns the pods that were on the node.</summary>
    public IReadOnlyList<PodWorker> LoseNode()
    {
        var lost = _workers.Values.ToList();
        foreach (var worker in lost)
        {
            worker.Kill();
        }
        return lost;
    }

    private void Handle(StoreEvent e)
    {
        var pod = e.Object;
        var uid = pod.Uid;
        switch (e.Type)
        {
            case "ADDED" when SimJson.Str(pod.Node["status"], "phase") is not ("Succeeded" or "Failed"):
                var worker = new PodWorker(this, pod);
                _workers[uid] = worker;
                worker.Start();
                Events.Record(ResourceKinds.Pods, pod.Node, "Normal", "Scheduled",
                    $"Successfully assigned {pod.Namespace}/{pod.Name} to {NodeName}", "default-scheduler");
                break;
            case "MODIFIED" when (pod.Node["metadata"]?["deletionTimestamp"] is not null):
                var grace = SimJson.Int(pod.Node["metadata"], "deletionGracePeriodSeconds") ?? 30;
                if (_workers.TryGetValue(uid, out var deleting))
                {
                    deleting.Terminate(TimeSpan.FromSeconds(grace));
                }
                else
                {
                    Store.Remove(ResourceKinds.Pods, pod.Namespace, pod.Name);
                }
                break;
            case "DELETED":
                if (_workers.TryRemove(uid, out var removed))
                {
                    removed.Kill();
                }
                break;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        foreach (var worker in _workers.Values)
        {
            worker.Kill();
        }
        await Task.WhenAll(_workers.Values.Select(w => w.Completion));
        _workers.Clear();
    }
}
