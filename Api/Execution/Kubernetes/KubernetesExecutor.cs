using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Options;
using Overseer.Contracts.Faults;
using Overseer.Api.Kubernetes;
using Overseer.Api.Kubernetes.Errors;
using Overseer.Api.Kubernetes.Models;
using Overseer.Api.Kubernetes.Resources;
using Overseer.Api.Kubernetes.Watch;
using Overseer.Api.Results;
using Overseer.Api.StateMachine;

namespace Overseer.Api.Execution.Kubernetes;

/// <summary>
/// Runs each attempt as a Kubernetes Job and learns what happened from the shared pod and Job watch (never by polling):
/// the runner's exit code, the Job's deadline, evictions, deletions, image pull failures. On a runner's end it reads the
/// runner's log once and stores it like the local executor's output. Cancel deletes the Job. Jobs outlive this process:
/// on shutdown they keep running, and the leader adopts them (<see cref="AdoptAsync"/>) when their owner stops heartbeating.
/// </summary>
public sealed partial class KubernetesExecutor(
    KubernetesClient client, KubernetesInformers informers, JobBuilder builder, ResultKeyring keyring, AttemptWriter writer,
    LiveAttempts live, WorkSignal work, ExecutionMetrics metrics, KubernetesAdoptionStore adoption,
    IOptions<KubernetesExecutorOptions> options, IOptions<ExecutorOptions> executorOptions, TimeProvider time,
    ILogger<KubernetesExecutor> logger, IPoolProvisioner? pools = null) : ITaskExecutor, IAttemptAdopter
{
    /// <summary>How long an ended Job waits for the pod watch to show its pod before the attempt ends without it.</summary>
    private static readonly TimeSpan PodWatchGrace = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<AttemptKey, KubeAttempt> _tracked = new();

    /// <inheritdoc cref="ITaskExecutor.Name" />
    public string Name => "kubernetes";

    /// <inheritdoc />
    public string Executor => Name;

    /// <inheritdoc />
    public int FreeSlots => Math.Max(0, options.Value.MaxConcurrentJobs - _tracked.Count);

    /// <summary>Attempts this process tracks now.</summary>
    public int Tracked => _tracked.Count;

    private string Namespace => client.Namespace;

    /// <summary>The shared pod watch of the namespace.</summary>
    public Informer<Pod> Pods => informers.Pods(Namespace, JobLabels.Selector);

    /// <summary>The shared Job watch of the namespace.</summary>
    public Informer<Job> Jobs => informers.Jobs(Namespace, JobLabels.Selector);

    /// <inheritdoc />
    public void Start(ClaimedAttempt attempt)
    {
        metrics.AttemptStarted();
        var tracked = Track(attempt);
        _ = Task.Run(() => CreateAsync(tracked));
    }

    /// <inheritdoc />
    public async Task<(IReadOnlySet<AttemptKey> Adopted, IReadOnlySet<AttemptKey> Undecided)> AdoptAsync(IReadOnlyList<AttemptKey> expired, CancellationToken ct)
    {
        if (!Pods.HasSynced || !Jobs.HasSynced)
        {
            return (new HashSet<AttemptKey>(), expired.ToHashSet());
        }
        var adopted = new HashSet<AttemptKey>();
        foreach (var key in expired)
        {
            if (_tracked.ContainsKey(key))
            {
                adopted.Add(key);
                continue;
            }
            if (FindJob(key) is null)
            {
                continue;
            }
            var claimed = await adoption.TakeOverAsync(key, executorOptions.Value.HeartbeatTimeout, ct);
            if (claimed is not null)
            {
                KubernetesExecutorLog.Adopted(logger, key);
                var tracked = Track(claimed);
                adopted.Add(key);
                await EvaluateAsync(tracked, null, false, ct);
            }
        }
        return (adopted, new HashSet<AttemptKey>());
    }

    /// <summary>Reacts to a pod change of the shared watch.</summary>
    internal async ValueTask OnPodAsync(InformerEvent<Pod> e, CancellationToken ct)
    {
        if (KeyOf(e.Object.Metadata) is { } key && _tracked.TryGetValue(key, out var attempt))
        {
            await EvaluateAsync(attempt, e.Type == InformerEventType.Deleted ? e.Object : null, false, ct);
        }
    }

    /// <summary>Reacts to a Job change of the shared watch.</summary>
    internal async ValueTask OnJobAsync(InformerEvent<Job> e, CancellationToken ct)
    {
        if (KeyOf(e.Object.Metadata) is { } key && _tracked.TryGetValue(key, out var attempt))
        {
            await EvaluateAsync(attempt, null, e.Type == InformerEventType.Deleted, ct);
        }
    }

    /// <summary>Fails attempts whose image could not be pulled for longer than the limit, and grows pools. Called periodically.</summary>
    internal async Task SweepAsync(CancellationToken ct)
    {
        await ScalePoolsAsync(ct);
        foreach (var attempt in _tracked.Values.Where(a => a.EndedWithoutPodSince is not null))
        {
            await EvaluateAsync(attempt, null, false, ct);
        }
        var limit = options.Value.ImagePullBackOffLimit;
        foreach (var attempt in _tracked.Values.Where(a => a.StartProblemSince is { } since && time.GetElapsedTime(since) > limit))
        {
            await DeleteJobAsync(attempt, ct);
            var what = attempt.WaitingReason?.StartsWith("CreateContainerConfigError", StringComparison.Ordinal) == true
                ? "the runner could not be configured" : "the image could not be pulled";
            await FinishAsync(attempt, AttemptOutcome.StartFailed($"{what} for {limit.TotalSeconds:0}s ({attempt.WaitingReason})"), null, ct);
        }
    }

    /// <summary>
    /// True when an ended Job's pod will not be seen: it never had one, or the pod watch has not shown it within
    /// <see cref="PodWatchGrace"/> of the Job's end (it was deleted meanwhile).
    /// </summary>
    private bool PodGone(KubeAttempt attempt, Job job)
    {
        if ((job.Status?.Succeeded ?? 0) + (job.Status?.Failed ?? 0) == 0)
        {
            return true;
        }
        attempt.EndedWithoutPodSince ??= time.GetTimestamp();
        return time.GetElapsedTime(attempt.EndedWithoutPodSince.Value) > PodWatchGrace;
    }

    private KubeAttempt Track(ClaimedAttempt claimed)
    {
        var liveAttempt = new LiveAttempt(claimed.Key, new LogBuffer(executorOptions.Value.MaxLogBytes, time));
        var tracked = new KubeAttempt(claimed, liveAttempt, JobNames.For(claimed.Name, claimed.Key));
        _tracked[claimed.Key] = tracked;
        live.Add(liveAttempt);
        liveAttempt.KillToken.Register(() => _ = Task.Run(() => OnKilledAsync(tracked)));
        return tracked;
    }

    private async Task CreateAsync(KubeAttempt attempt)
    {
        PoolLaunch? pool = null;
        if (attempt.IsPool)
        {
            try
            {
                pool = pools is null
                    ? throw new PoolUnavailableException("pool tasks need the queues feature, which is not enabled")
                    : await pools.PrepareAsync(attempt.Claimed, PoolHost.Kubernetes, CancellationToken.None);
            }
            catch (PoolUnavailableException e)
            {
                await FinishAsync(attempt, AttemptOutcome.StartFailed(e.Message), null, CancellationToken.None);
                return;
            }
        }
        var job = builder.Build(attempt.Claimed, keyring.MintEnrollmentToken(attempt.Claimed.Key.TaskId, attempt.Claimed.Key.Attempt), pool);
        var started = time.GetTimestamp();
        var delay = TimeSpan.FromSeconds(1);
        while (!attempt.IsDone)
        {
            try
            {
                await client.Jobs.CreateAsync(Namespace, job);
                CrashPoints.Hit(CrashPoints.AfterJobCreate);
                break;
            }
            catch (AlreadyExistsException)
            {
                // Deterministic names: a retried create (or a dropped response) finds its own Job.
                break;
            }
            catch (InvalidException e)
            {
                var causes = string.Join("; ", e.Causes.Select(c => $"{c.Field}: {c.Message}"));
                await FinishAsync(attempt, AttemptOutcome.StartFailed($"Kubernetes rejected the Job: {e.Message} {causes}".Trim()), null, CancellationToken.None);
                return;
            }
            catch (ForbiddenException e)
            {
                await FinishAsync(attempt, AttemptOutcome.Lost($"not allowed to create the Job: {e.Message}"), null, CancellationToken.None);
                return;
            }
            catch (Exception e) when (e is KubernetesException or HttpRequestException or TaskCanceledException or IOException)
            {
                if (time.GetElapsedTime(started) > executorOptions.Value.HeartbeatTimeout)
                {
                    await FinishAsync(attempt, AttemptOutcome.Lost($"could not create the Job: {e.Message}"), null, CancellationToken.None);
                    return;
                }
                KubernetesExecutorLog.CreateRetry(logger, attempt.JobName, delay.TotalMilliseconds, e.Message);
                await Task.Delay(delay, time);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
        await EvaluateAsync(attempt, null, false, CancellationToken.None);
    }

    private async Task EvaluateAsync(KubeAttempt attempt, Pod? deletedPod, bool jobDeleted, CancellationToken ct)
    {
        if (attempt.IsDone || attempt.Cancelling)
        {
            return;
        }
        await attempt.Gate.WaitAsync(ct);
        try
        {
            if (attempt.IsDone || attempt.Cancelling)
            {
                return;
            }
            if (attempt.IsPool)
            {
                await EvaluatePoolAsync(attempt, deletedPod, jobDeleted, ct);
                return;
            }
            var job = jobDeleted ? null : FindJob(attempt.Claimed.Key);
            var pod = deletedPod ?? FindPod(attempt.Claimed.Key);
            if (KubernetesOutcomes.DeadlineExceeded(job))
            {
                await FinishAsync(attempt, AttemptOutcome.TimedOut(attempt.TimeoutSeconds, null), pod, ct);
                return;
            }
            if (pod is not null && await EvaluatePodAsync(attempt, pod, job, deletedPod is not null, ct))
            {
                return;
            }
            if (jobDeleted && pod is null)
            {
                await FinishAsync(attempt, AttemptOutcome.Lost($"Job {attempt.JobName} was deleted"), null, ct);
            }
            else if (pod is null && (KubernetesOutcomes.Completed(job) || KubernetesOutcomes.FailedCondition(job) is not null)
                && !PodGone(attempt, job!))
            {
                // The Job ended with a pod the pod watch has not shown yet (separate streams): its event, or the sweep
                // after the grace, comes back here, so the runner's exit code and log are not lost.
            }
            else if (pod is null && KubernetesOutcomes.Completed(job))
            {
                await FinishAsync(attempt, AttemptOutcome.Exited(0), null, ct);
            }
            else if (pod is null && KubernetesOutcomes.FailedCondition(job) is { } failed)
            {
                await FinishAsync(attempt, KubernetesOutcomes.FromJobFailure(failed), null, ct);
            }
        }
        finally
        {
            attempt.Gate.Release();
        }
    }

    private async Task<bool> EvaluatePodAsync(KubeAttempt attempt, Pod pod, Job? job, bool deleted, CancellationToken ct)
    {
        var runner = KubernetesOutcomes.Runner(pod);
        if (runner?.State?.Running?.StartedAt is { } startedAt && !attempt.StartedReported)
        {
            attempt.StartedReported = true;
            writer.ReportStarted(attempt.Claimed.Key, TimestampOf(startedAt), null);
        }
        if (runner?.State?.Terminated is { } terminated)
        {
            var outcome = KubernetesOutcomes.FromRunner(terminated, pod, job, attempt.TimeoutSeconds, time.GetUtcNow());
            if (outcome.State == Contracts.Tasks.AttemptState.Lost)
            {
                await DeleteJobAsync(attempt, ct);
            }
            await FinishAsync(attempt, outcome, pod, ct);
            return true;
        }
        if (KubernetesOutcomes.IsDisrupted(pod) && (deleted || pod.Status?.Phase is "Failed" or "Unknown"))
        {
            // The Job's failure policy fails it on a disruption, so no second pod runs this attempt. The state machine owns
            // the retry: this attempt ends on the infrastructure budget and the next one is a new Job. The delete (a
            // failure-path write) also stops a runner left on a node that comes back.
            await DeleteJobAsync(attempt, ct);
            await FinishAsync(attempt, AttemptOutcome.Lost($"pod {pod.Metadata.Name} was disrupted ({KubernetesOutcomes.Disruption(pod)})"), null, ct);
            return true;
        }
        if (deleted && KubernetesOutcomes.DeadlineExceeded(job, time.GetUtcNow(), attempt.TimeoutSeconds))
        {
            await FinishAsync(attempt, AttemptOutcome.TimedOut(attempt.TimeoutSeconds, null), null, ct);
            return true;
        }
        if (deleted)
        {
            await DeleteJobAsync(attempt, ct);
            await FinishAsync(attempt, AttemptOutcome.Lost($"pod {pod.Metadata.Name} was deleted before its runner ended"), null, ct);
            return true;
        }
        var waiting = KubernetesOutcomes.WaitingReason(pod);
        if (waiting is not null && waiting != attempt.WaitingReason)
        {
            attempt.WaitingReason = waiting;
            writer.ReportWaiting(attempt.Claimed.Key, waiting);
        }
        attempt.StartProblemSince = KubernetesOutcomes.IsStartProblem(waiting) ? attempt.StartProblemSince ?? time.GetTimestamp() : null;
        return false;
    }

    private async Task OnKilledAsync(KubeAttempt attempt)
    {
        switch (attempt.Live.KillReason)
        {
            case KillReason.Cancel:
                attempt.Cancelling = true;
                await attempt.Gate.WaitAsync();
                attempt.Gate.Release();
                var pod = FindPod(attempt.Claimed.Key);
                await DeleteJobAsync(attempt, CancellationToken.None);
                await FinishAsync(attempt, AttemptOutcome.Cancelled(null), pod, CancellationToken.None);
                break;
            case KillReason.Fenced:
                await DeleteJobAsync(attempt, CancellationToken.None);
                Untrack(attempt);
                break;
            default:
                // Shutdown: the Job keeps running; whoever leads next adopts it.
                Untrack(attempt);
                break;
        }
    }

    private async Task FinishAsync(KubeAttempt attempt, AttemptOutcome outcome, Pod? pod, CancellationToken ct)
    {
        if (!attempt.TryFinish())
        {
            return;
        }
        var runner = pod is null ? null : KubernetesOutcomes.Runner(pod);
        if (pod?.Metadata.Name is { } podName && (runner?.State?.Terminated is not null || runner?.State?.Running is not null))
        {
            await FetchLogAsync(attempt, podName, null);
        }
        var started = runner?.State?.Terminated?.StartedAt ?? runner?.State?.Running?.StartedAt;
        var finished = runner?.State?.Terminated?.FinishedAt;
        await ReportAsync(attempt, outcome, started, finished);
    }

    private async Task ReportAsync(KubeAttempt attempt, AttemptOutcome outcome, DateTimeOffset? started, DateTimeOffset? finished)
    {
        KubernetesExecutorLog.Ended(logger, attempt.Claimed.Key, attempt.JobName, outcome.Reason);
        try
        {
            await writer.ReportFinishedAsync(attempt.Claimed.Key, started is null ? null : TimestampOf(started.Value), null, outcome,
                finished is null ? time.GetTimestamp() : TimestampOf(finished.Value), attempt.Live.Logs);
        }
        finally
        {
            Untrack(attempt);
        }
    }

    private async Task FetchLogAsync(KubeAttempt attempt, string podName, string? header)
    {
        try
        {
            var text = await client.Pods.ReadLogAsync(Namespace, podName, new PodLogOptions { Container = JobBuilder.RunnerContainer });
            attempt.Live.Logs.Append(1, Encoding.UTF8.GetBytes(header + text));
        }
        catch (Exception e) when (e is KubernetesException or HttpRequestException or TaskCanceledException or IOException)
        {
            attempt.Live.Logs.Append(2, Encoding.UTF8.GetBytes($"[overseer: the runner's log could not be read: {e.Message}]\n"));
        }
    }

    private async Task DeleteJobAsync(KubeAttempt attempt, CancellationToken ct)
    {
        try
        {
            await client.Jobs.DeleteAsync(Namespace, attempt.JobName, PropagationPolicy.Background, null, ct);
        }
        catch (NotFoundException)
        {
            // Already gone.
        }
        catch (Exception e) when (e is KubernetesException or HttpRequestException or TaskCanceledException or IOException)
        {
            KubernetesExecutorLog.DeleteFailed(logger, attempt.JobName, e.Message);
        }
    }

    private void Untrack(KubeAttempt attempt)
    {
        if (_tracked.TryRemove(new KeyValuePair<AttemptKey, KubeAttempt>(attempt.Claimed.Key, attempt)))
        {
            live.Remove(attempt.Claimed.Key);
            attempt.Live.Dispose();
            work.Notify();
        }
    }

    private Job? FindJob(AttemptKey key) => Jobs.List().FirstOrDefault(j => KeyOf(j.Metadata) == key);

    private IReadOnlyList<Pod> PodsOf(AttemptKey key) => [.. Pods.List().Where(p => KeyOf(p.Metadata) == key).OrderBy(p => p.Metadata.CreationTimestamp)];

    private Pod? FindPod(AttemptKey key) =>
        Pods.List().Where(p => KeyOf(p.Metadata) == key).OrderByDescending(p => p.Metadata.CreationTimestamp).FirstOrDefault();

    private static AttemptKey? KeyOf(ObjectMeta meta) =>
        meta.Labels is { } labels && labels.TryGetValue(JobLabels.TaskId, out var id) && Guid.TryParse(id, out var taskId)
            && labels.TryGetValue(JobLabels.Attempt, out var n) && int.TryParse(n, out var attempt)
            ? new AttemptKey(taskId, attempt)
            : null;

    private long TimestampOf(DateTimeOffset wall)
    {
        var ago = time.GetUtcNow() - wall;
        return time.GetTimestamp() - (long)(Math.Max(0, ago.TotalSeconds) * time.TimestampFrequency);
    }
}
