using System.Text.Json.Nodes;
using System.Threading.Channels;
using Overseer.KubeSim.Api;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Controllers;

/// <summary>
/// The Job controller: creates pods from the template (parallelism, completions), counts finished pods (podFailurePolicy,
/// backoffLimit), enforces activeDeadlineSeconds, honours podReplacementPolicy, writes conditions and counts, and deletes
/// finished Jobs after ttlSecondsAfterFinished.
/// </summary>
public sealed class JobController : IAsyncDisposable
{
    private readonly ObjectStore _store;
    private readonly Deleter _deleter;
    private readonly EventRecorder _events;
    private readonly TimeSpan _backoffBase;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, JobTracking> _tracking = new(StringComparer.Ordinal);
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];

    /// <summary>Creates the controller; <paramref name="backoffBase"/> is the first delay before replacing a failed pod (Kubernetes: 10 s).</summary>
    public JobController(ObjectStore store, Deleter deleter, EventRecorder events, TimeSpan backoffBase)
    {
        _store = store;
        _deleter = deleter;
        _events = events;
        _backoffBase = backoffBase;
    }

    /// <summary>Starts watching Jobs and pods.</summary>
    public void Start()
    {
        var jobs = _store.Subscribe(ResourceKinds.Jobs);
        var pods = _store.Subscribe(ResourceKinds.Pods);
        _loops.Add(Task.Run(() => ConsumeAsync(jobs, OnJob)));
        _loops.Add(Task.Run(() => ConsumeAsync(pods, OnPod)));
        _loops.Add(Task.Run(SyncLoopAsync));
    }

    private async Task ConsumeAsync(ChannelReader<StoreEvent> events, Action<StoreEvent> handle)
    {
        try
        {
            await foreach (var e in events.ReadAllAsync(_stop.Token))
            {
                handle(e);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private void OnJob(StoreEvent e)
    {
        if (e.Type == "DELETED")
        {
            lock (_lock)
            {
                _tracking.Remove(e.Object.Uid);
            }
            return;
        }
        Enqueue(e.Object.Namespace, e.Object.Name);
    }

    private void OnPod(StoreEvent e)
    {
        var owner = (e.Object.Node["metadata"]?["ownerReferences"] as JsonArray ?? [])
            .FirstOrDefault(r => SimJson.Str(r, "kind") == "Job" && r?["controller"]?.GetValue<bool>() == true);
        if (owner is null)
        {
            return;
        }
        Track(SimJson.Str(owner, "uid")!, e.Object, e.Type == "DELETED");
        Enqueue(e.Object.Namespace, SimJson.Str(owner, "name")!);
    }

    private void Track(string jobUid, StoredObject pod, bool deleted)
    {
        lock (_lock)
        {
            if (!_tracking.TryGetValue(jobUid, out var tracking))
            {
                tracking = new JobTracking();
                _tracking[jobUid] = tracking;
            }
            if (!tracking.Pods.TryGetValue(pod.Uid, out var tracked))
            {
                tracking.Pods[pod.Uid] = new TrackedPod(pod.Name, pod.Node, pod.ResourceVersion) { Deleted = deleted };
            }
            else if (pod.ResourceVersion >= tracked.ResourceVersion)
            {
                (tracked.Node, tracked.ResourceVersion) = (pod.Node, pod.ResourceVersion);
                tracked.Deleted |= deleted;
            }
        }
    }

    private void Enqueue(string ns, string name) => _queue.Writer.TryWrite($"{ns}/{name}");

    private void EnqueueAfter(string ns, string name, TimeSpan delay) =>
        _ = Task.Delay(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, _store.Time, _stop.Token)
            .ContinueWith(t => { if (!t.IsCanceled) { Enqueue(ns, name); } }, TaskScheduler.Default);

    private async Task SyncLoopAsync()
    {
        try
        {
            await foreach (var key in _queue.Reader.ReadAllAsync(_stop.Token))
            {
                var at = key.IndexOf('/', StringComparison.Ordinal);
                try
                {
                    Sync(key[..at], key[(at + 1)..]);
                }
                catch (SimApiException)
                {
                    // the job or a pod changed underneath; the event that changed it queues another sync
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private void Sync(string ns, string name)
    {
        var job = _store.Copy(ResourceKinds.Jobs, ns, name);
        if (job is null)
        {
            return;
        }
        var uid = SimJson.Str(job["metadata"], "uid")!;
        if (job["metadata"]?["deletionTimestamp"] is not null)
        {
            if (_deleter.OwnedPods(ns, uid).Count == 0)
            {
                _store.Remove(ResourceKinds.Jobs, ns, name);
            }
            return;
        }
        var sync = new JobSync(job, Pods(uid), _store.Time.GetUtcNow(), _store.Now());
        Count(sync, uid);
        if (!sync.FinishedBefore)
        {
            Decide(sync, ns, name, uid);
        }
        else if (SimJson.Int(job["spec"], "ttlSecondsAfterFinished") is { } ttl)
        {
            var due = sync.FinishedAt + TimeSpan.FromSeconds(ttl) - sync.Now;
            if (due <= TimeSpan.Zero)
            {
                _deleter.Delete(ResourceKinds.Jobs, ns, name, "Background", null);
                return;
            }
            EnqueueAfter(ns, name, due);
        }
        var status = sync.Status();
        _store.Mutate(ResourceKinds.Jobs, ns, name, j =>
        {
            if (SimJson.Str(j["metadata"], "uid") != uid || j["status"]?.ToJsonString() == status.ToJsonString())
            {
                return false;
            }
            j["status"] = status;
            return true;
        });
    }

    private List<TrackedPod> Pods(string jobUid)
    {
        lock (_lock)
        {
            return _tracking.TryGetValue(jobUid, out var t) ? [.. t.Pods.Values] : [];
        }
    }

    private void Count(JobSync sync, string uid)
    {
        lock (_lock)
        {
            if (!_tracking.TryGetValue(uid, out var tracking))
            {
                return;
            }
            foreach (var (podUid, pod) in tracking.Pods)
            {
                var phase = SimJson.Str(pod.Node["status"], "phase");
                var finished = phase is "Succeeded" or "Failed" || pod.Deleted;
                if (!finished || !tracking.Counted.Add(podUid))
                {
                    continue;
                }
                if (phase == "Succeeded")
                {
                    sync.Succeeded++;
                    continue;
                }
                var match = PodFailurePolicyMatcher.Match(sync.Spec["podFailurePolicy"], pod.Node);
                switch (match?.Action)
                {
                    case "Ignore":
                        break;
                    case "FailJob":
                        sync.Failed++;
                        sync.Fail("PodFailurePolicy", match.Value.Message);
                        break;
                    default:
                        sync.Failed++;
                        tracking.LastFailure = sync.Now;
                        break;
                }
            }
            sync.LastFailure = tracking.LastFailure;
        }
    }

    private void Decide(JobSync sync, string ns, string name, string uid)
    {
        var deadline = SimJson.Int(sync.Spec, "activeDeadlineSeconds");
        if (sync.FailReason is null && deadline is { } seconds)
        {
            var left = sync.StartTime + TimeSpan.FromSeconds(seconds) - sync.Now;
            if (left <= TimeSpan.Zero)
            {
                sync.Fail("DeadlineExceeded", "Job was active longer than specified deadline");
            }
            else
            {
                EnqueueAfter(ns, name, left);
            }
        }
        if (sync.FailReason is null && sync.Failed > (SimJson.Int(sync.Spec, "backoffLimit") ?? 6))
        {
            sync.Fail("BackoffLimitExceeded", "Job has reached the specified backoff limit");
        }
        if (sync.FailReason is { } reason)
        {
            foreach (var pod in sync.ToDelete)
            {
                _deleter.DeletePod(ns, pod.Name, null);
                _events.Record(ResourceKinds.Jobs, sync.Job, "Normal", "SuccessfulDelete", $"Deleted pod: {pod.Name}", "job-controller");
            }
            _events.Record(ResourceKinds.Jobs, sync.Job, "Warning", reason, sync.FailMessage!, "job-controller");
            return;
        }
        var completions = SimJson.Int(sync.Spec, "completions");
        if (completions is { } c ? sync.Succeeded >= c : sync.Succeeded > 0 && sync.Active.Count == 0)
        {
            sync.Complete();
            _events.Record(ResourceKinds.Jobs, sync.Job, "Normal", "Completed", "Job completed", "job-controller");
            return;
        }
        var parallelism = (int)(SimJson.Int(sync.Spec, "parallelism") ?? 1);
        var wanted = completions is { } total ? Math.Min(parallelism, (int)total - sync.Succeeded) : sync.Succeeded > 0 ? 0 : parallelism;
        var waitForTerminating = SimJson.Str(sync.Spec, "podReplacementPolicy") == "Failed";
        var missing = wanted - sync.Active.Count - (waitForTerminating ? sync.Terminating : 0);
        if (missing <= 0 || sync.Spec["suspend"]?.GetValue<bool>() == true)
        {
            return;
        }
        if (sync.LastFailure is { } failedAt && _backoffBase > TimeSpan.Zero)
        {
            var wait = failedAt + _backoffBase * Math.Pow(2, Math.Min(sync.Failed - 1, 10)) - sync.Now;
            if (wait > TimeSpan.Zero)
            {
                EnqueueAfter(ns, name, wait);
                return;
            }
        }
        for (var i = 0; i < missing; i++)
        {
            var pod = JobPods.FromTemplate(sync.Job, ns, name, uid);
            var created = _store.Create(ResourceKinds.Pods, ns, pod);
            Track(uid, created, deleted: false);
            sync.Created++;
            _events.Record(ResourceKinds.Jobs, sync.Job, "Normal", "SuccessfulCreate", $"Created pod: {created.Name}", "job-controller");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }
}
