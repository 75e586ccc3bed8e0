using Overseer.Api.Kubernetes.Models;
using Overseer.Api.StateMachine;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Execution.Kubernetes;

/// <summary>Reads what happened to an attempt from its pod and Job, as the shared watch reports them.</summary>
public static class KubernetesOutcomes
{
    private static readonly HashSet<string> StartProblemReasons = new(StringComparer.Ordinal)
    {
        "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError",
    };

    /// <summary>The runner container's status, once the kubelet reports it.</summary>
    public static ContainerStatus? Runner(Pod pod) =>
        pod.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == JobBuilder.RunnerContainer);

    /// <summary>The pod condition Kubernetes sets on a pod it is about to take away (eviction, preemption, node loss, taint).</summary>
    public const string DisruptionTarget = "DisruptionTarget";

    /// <summary>True when the pod was disrupted (evicted, preempted, its node lost).</summary>
    public static bool IsDisrupted(Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == DisruptionTarget && c.Status == "True") == true;

    /// <summary>True when the Job ran past <c>activeDeadlineSeconds</c>.</summary>
    public static bool DeadlineExceeded(Job? job) => FailedCondition(job)?.Reason == "DeadlineExceeded";

    /// <summary>
    /// True when the Job failed, or is about to be failed, for its deadline. The pod watch and the Job watch are separate
    /// streams: the deadline's pod kill can arrive before the Job's condition, so the Job's start time decides too.
    /// </summary>
    public static bool DeadlineExceeded(Job? job, DateTimeOffset now, int timeoutSeconds) =>
        DeadlineExceeded(job) || (job?.Status?.StartTime is { } started && now - started >= TimeSpan.FromSeconds(timeoutSeconds) - TimeSpan.FromMilliseconds(500));

    /// <summary>The Job's Failed condition, if it failed.</summary>
    public static JobCondition? FailedCondition(Job? job) =>
        job?.Status?.Conditions?.FirstOrDefault(c => c.Type == "Failed" && c.Status == "True");

    /// <summary>
    /// How the attempt ended when all that is known is the Job's failure (its pod was never seen): a failure the pod
    /// failure policy took for a disruption (the API server's message names the condition) or a pod that vanished
    /// (backoff limit) is lost to the infrastructure; anything else could not start.
    /// </summary>
    public static AttemptOutcome FromJobFailure(JobCondition failed) => failed switch
    {
        { Reason: "PodFailurePolicy" } when failed.Message?.Contains($"condition {DisruptionTarget}", StringComparison.Ordinal) == true =>
            AttemptOutcome.Lost($"the Job's pod was disrupted ({failed.Message})"),
        { Reason: "BackoffLimitExceeded" } => AttemptOutcome.Lost($"the Job's pod ended before it was seen ({failed.Message})"),
        _ => AttemptOutcome.StartFailed($"Job failed: {failed.Reason}: {failed.Message}"),
    };

    /// <summary>True when the Job completed.</summary>
    public static bool Completed(Job? job) =>
        job?.Status?.Conditions?.Any(c => c.Type == "Complete" && c.Status == "True") == true;

    /// <summary>Why a pod that does not run yet is waiting: scheduling, image pull, configuration; null when it is not waiting.</summary>
    public static string? WaitingReason(Pod pod)
    {
        var runner = Runner(pod);
        if (pod.Status?.Phase is "Succeeded" or "Failed" || runner?.State?.Running is not null || runner?.State?.Terminated is not null)
        {
            return null;
        }
        var unscheduled = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "False");
        if (unscheduled is not null)
        {
            return $"FailedScheduling: {unscheduled.Message ?? unscheduled.Reason ?? "no node fits"}";
        }
        var waiting = (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? [])
            .Select(c => (c.Name, c.State?.Waiting))
            .FirstOrDefault(c => c.Waiting?.Reason is { } r && r is not "ContainerCreating" and not "PodInitializing");
        return waiting.Waiting is { } w ? $"{w.Reason}: {w.Message ?? $"container {waiting.Name} is waiting"}" : null;
    }

    /// <summary>True when <paramref name="waitingReason"/> says the pod cannot start: its image cannot be pulled, or its runner cannot be configured.</summary>
    public static bool IsStartProblem(string? waitingReason) =>
        waitingReason is not null && StartProblemReasons.Any(r => waitingReason.StartsWith(r + ":", StringComparison.Ordinal));

    /// <summary>How the attempt ended, given its terminated runner and what else is known about the pod and Job.</summary>
    public static AttemptOutcome FromRunner(ContainerStateTerminated runner, Pod pod, Job? job, int timeoutSeconds, DateTimeOffset now)
    {
        if (runner.ExitCode != 0 && DeadlineExceeded(job, now, timeoutSeconds))
        {
            return AttemptOutcome.TimedOut(timeoutSeconds, runner.ExitCode);
        }
        if (runner.ExitCode != 0 && IsDisrupted(pod))
        {
            return AttemptOutcome.Lost($"pod {pod.Metadata.Name} was disrupted ({Disruption(pod)})");
        }
        if (runner.Reason == "OOMKilled")
        {
            return new AttemptOutcome(AttemptState.Failed, runner.ExitCode, FailureType.Resource, $"OOMKilled (exit {runner.ExitCode})");
        }
        if (runner.Reason == "StartError")
        {
            return AttemptOutcome.StartFailed($"could not start: {runner.Message ?? "StartError"}");
        }
        if (runner.ExitCode != 0 && pod.Metadata.DeletionTimestamp is not null)
        {
            return AttemptOutcome.Lost($"pod {pod.Metadata.Name} was deleted while it ran (exit {runner.ExitCode})");
        }
        return AttemptOutcome.Exited(runner.ExitCode);
    }

    /// <summary>What the pod's disruption condition says.</summary>
    public static string Disruption(Pod pod) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c.Type == DisruptionTarget)?.Reason ?? DisruptionTarget;
}
