using System.Text.Json.Nodes;
using Overseer.Api.Kubernetes.Errors;
using Overseer.Api.Kubernetes.Models;
using Overseer.Api.StateMachine;

namespace Overseer.Api.Execution.Kubernetes;

/// <summary>
/// Queue pools on Kubernetes: one work-queue Job of <c>parallelism</c> runtime pods per pool attempt. The Job's own
/// conditions decide the outcome (Complete: every pod ended and one exited 0; Failed: a runtime exited non-zero, which
/// the pod failure policy turns into the Job's failure, or the deadline passed). A pod deleted or disrupted before its
/// runtime ended loses the pool (its items come back when their leases expire). The sweep grows the Job's
/// <c>parallelism</c> (a merge patch) when the spawner raises the pool's target.
/// </summary>
public sealed partial class KubernetesExecutor
{
    private async Task EvaluatePoolAsync(KubeAttempt attempt, Pod? deletedPod, bool jobDeleted, CancellationToken ct)
    {
        var key = attempt.Claimed.Key;
        var job = jobDeleted ? null : FindJob(key);
        var pods = PodsOf(key);
        if (deletedPod is not null && pods.All(p => p.Metadata.Uid != deletedPod.Metadata.Uid))
        {
            pods = [.. pods, deletedPod];
        }
        var runners = pods.Select(p => (Pod: p, Runner: KubernetesOutcomes.Runner(p))).ToList();
        if (!attempt.StartedReported
            && runners.Select(r => r.Runner?.State?.Running?.StartedAt ?? r.Runner?.State?.Terminated?.StartedAt).Min() is { } startedAt)
        {
            attempt.StartedReported = true;
            writer.ReportStarted(key, TimestampOf(startedAt), null);
        }
        if (KubernetesOutcomes.DeadlineExceeded(job))
        {
            await FinishPoolAsync(attempt, AttemptOutcome.TimedOut(attempt.TimeoutSeconds, null), pods);
        }
        else if (KubernetesOutcomes.Completed(job))
        {
            await FinishPoolAsync(attempt, AttemptOutcome.Exited(0), pods);
        }
        else if (KubernetesOutcomes.FailedCondition(job) is { } failed)
        {
            var failing = runners.FirstOrDefault(r => r.Runner?.State?.Terminated is { ExitCode: not 0 });
            if (failing is { Pod: { } failingPod, Runner.State.Terminated: { } terminated })
            {
                await FinishPoolAsync(attempt, KubernetesOutcomes.FromRunner(terminated, failingPod, job, attempt.TimeoutSeconds, time.GetUtcNow()), pods);
            }
            else if (PodGone(attempt, job!))
            {
                await FinishPoolAsync(attempt, KubernetesOutcomes.FromJobFailure(failed), pods);
            }
            // Otherwise the Job failed because a runtime exited non-zero, but the pod watch has not shown that pod yet
            // (separate streams): its event, or the sweep after the grace, comes back here for the exit code.
        }
        else if (jobDeleted)
        {
            await FinishPoolAsync(attempt, AttemptOutcome.Lost($"Job {attempt.JobName} was deleted"), pods);
        }
        else if (runners.FirstOrDefault(r => r.Runner?.State?.Terminated is null
            && (KubernetesOutcomes.IsDisrupted(r.Pod) && r.Pod.Status?.Phase is "Failed" or "Unknown" || r.Pod == deletedPod)) is { Pod: { } lost })
        {
            await DeleteJobAsync(attempt, ct);
            var why = KubernetesOutcomes.IsDisrupted(lost) ? $"was disrupted ({KubernetesOutcomes.Disruption(lost)})" : "was deleted before its runtime ended";
            await FinishPoolAsync(attempt, AttemptOutcome.Lost($"pool pod {lost.Metadata.Name} {why}"), pods);
        }
        else
        {
            var waiting = pods.Select(KubernetesOutcomes.WaitingReason).FirstOrDefault(w => w is not null);
            if (waiting is not null && waiting != attempt.WaitingReason)
            {
                attempt.WaitingReason = waiting;
                writer.ReportWaiting(key, waiting);
            }
            attempt.StartProblemSince = KubernetesOutcomes.IsStartProblem(waiting) ? attempt.StartProblemSince ?? time.GetTimestamp() : null;
        }
    }

    private async Task FinishPoolAsync(KubeAttempt attempt, AttemptOutcome outcome, IReadOnlyList<Pod> pods)
    {
        if (!attempt.TryFinish())
        {
            return;
        }
        var ran = pods.Select(p => (Pod: p, Runner: KubernetesOutcomes.Runner(p)))
            .Where(r => r.Runner?.State?.Terminated is not null || r.Runner?.State?.Running is not null).ToList();
        foreach (var (pod, _) in ran)
        {
            await FetchLogAsync(attempt, pod.Metadata.Name!, ran.Count > 1 ? $"[overseer: pod {pod.Metadata.Name}]\n" : null);
        }
        var started = ran.Select(r => r.Runner!.State!.Terminated?.StartedAt ?? r.Runner.State.Running?.StartedAt).Min();
        var finished = ran.All(r => r.Runner!.State!.Terminated is not null) ? ran.Select(r => r.Runner!.State!.Terminated!.FinishedAt).Max() : null;
        await ReportAsync(attempt, outcome, started, finished);
    }

    private async Task ScalePoolsAsync(CancellationToken ct)
    {
        if (pools is null)
        {
            return;
        }
        foreach (var attempt in _tracked.Values.Where(a => a.IsPool && !a.IsDone))
        {
            if (FindJob(attempt.Claimed.Key) is not { } job || KubernetesOutcomes.Completed(job) || KubernetesOutcomes.FailedCondition(job) is not null
                || (job.Status?.Succeeded ?? 0) > 0)
            {
                continue; // Not created yet, ended, or draining: a work-queue Job starts no pods once one succeeded.
            }
            var target = await pools.TargetParallelismAsync(attempt.Claimed.Key.TaskId, ct);
            if (target is not { } wanted || wanted <= (job.Spec?.Parallelism ?? 1))
            {
                continue;
            }
            try
            {
                await client.Jobs.MergePatchAsync(Namespace, attempt.JobName, new JsonObject { ["spec"] = new JsonObject { ["parallelism"] = wanted } }, ct);
                KubernetesExecutorLog.PoolScaled(logger, attempt.JobName, wanted);
            }
            catch (Exception e) when (e is KubernetesException or HttpRequestException or TaskCanceledException or IOException)
            {
                KubernetesExecutorLog.PoolScaleFailed(logger, attempt.JobName, e.Message);
            }
        }
    }
}
