using Overseer.Api.Execution.Kubernetes;
using Overseer.Api.Kubernetes.Models;
using Overseer.Contracts.Tasks;

namespace Overseer.Kubernetes.Tests.Executor;

/// <summary>What a Job's failure means when its pod was never seen.</summary>
public sealed class KubernetesOutcomesTests
{
    private static JobCondition Failed(string reason, string message) => new() { Type = "Failed", Status = "True", Reason = reason, Message = message };

    [Fact]
    public void Failure_policy_match_on_a_disruption_is_lost_to_the_infrastructure()
    {
        var outcome = KubernetesOutcomes.FromJobFailure(Failed("PodFailurePolicy",
            "Pod default/t-1-abcde has condition DisruptionTarget matching FailJob rule at index 0"));

        Assert.Equal((AttemptState.Lost, FailureType.Infrastructure), (outcome.State, outcome.FailureType));
        Assert.Contains("disrupted", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Pod_that_vanished_before_it_was_seen_is_lost_to_the_infrastructure()
    {
        var outcome = KubernetesOutcomes.FromJobFailure(Failed("BackoffLimitExceeded", "Job has reached the specified backoff limit"));

        Assert.Equal((AttemptState.Lost, FailureType.Infrastructure), (outcome.State, outcome.FailureType));
    }

    [Fact]
    public void Runner_exit_code_match_without_the_pod_is_a_failed_start_naming_the_reason()
    {
        var outcome = KubernetesOutcomes.FromJobFailure(Failed("PodFailurePolicy",
            "Container runner for pod default/t-1-abcde failed with exit code 7 matching FailJob rule at index 1"));

        Assert.Equal((AttemptState.Failed, FailureType.Application), (outcome.State, outcome.FailureType));
        Assert.Contains("exit code 7", outcome.Reason, StringComparison.Ordinal);
    }
}
