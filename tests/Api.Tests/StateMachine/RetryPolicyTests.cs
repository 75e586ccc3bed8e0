using Overseer.Api.StateMachine;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Tests.StateMachine;

public sealed class RetryPolicyTests
{
    private static LockedTask Task(int retries = 2, int app = 0, int infra = 0, bool cancel = false) =>
        new(Guid.CreateVersion7(), TaskState.Running, app + infra + 1, retries, app, infra,
            new BackoffSpec { InitialSeconds = 1, Factor = 2, MaxSeconds = 5 }, cancel);

    [Fact]
    public void Success_ends_succeeded() =>
        Assert.Equal(TaskState.Succeeded, RetryPolicy.Decide(Task(), AttemptOutcome.Exited(0), 3).State);

    [Fact]
    public void Application_failure_with_budget_left_is_requeued_after_backoff()
    {
        var next = RetryPolicy.Decide(Task(app: 1), AttemptOutcome.Exited(2), 3);

        Assert.Equal((TaskState.Queued, 2, 0), (next.State, next.AppFailures, next.InfraFailures));
        Assert.Equal(TimeSpan.FromSeconds(2), next.Delay);
    }

    [Fact]
    public void Application_failure_without_budget_ends_failed_and_timeout_ends_timed_out()
    {
        Assert.Equal(TaskState.Failed, RetryPolicy.Decide(Task(retries: 0), AttemptOutcome.Exited(1), 3).State);
        Assert.Equal(TaskState.TimedOut, RetryPolicy.Decide(Task(retries: 1, app: 1), AttemptOutcome.TimedOut(5, 137), 3).State);
    }

    [Fact]
    public void Infrastructure_loss_spends_its_own_budget_not_the_applications()
    {
        var retried = RetryPolicy.Decide(Task(retries: 0), AttemptOutcome.Lost("node gone"), 3);
        var exhausted = RetryPolicy.Decide(Task(retries: 5, infra: 3), AttemptOutcome.Lost("node gone"), 3);

        Assert.Equal((TaskState.Queued, 0, 1), (retried.State, retried.AppFailures, retried.InfraFailures));
        Assert.Equal(TimeSpan.Zero, retried.Delay);
        Assert.Equal((TaskState.Lost, 0, 4), (exhausted.State, exhausted.AppFailures, exhausted.InfraFailures));
    }

    [Fact]
    public void A_pending_cancel_wins_over_a_retry()
    {
        Assert.Equal(TaskState.Cancelled, RetryPolicy.Decide(Task(cancel: true), AttemptOutcome.Exited(1), 3).State);
        Assert.Equal(TaskState.Cancelled, RetryPolicy.Decide(Task(cancel: true), AttemptOutcome.Lost("gone"), 3).State);
    }

    [Theory]
    [InlineData(1, 0, 1.0)]
    [InlineData(2, 0, 2.0)]
    [InlineData(3, 0, 4.0)]
    [InlineData(4, 0, 5.0)]
    [InlineData(1, 1, 1.1)]
    public void Backoff_grows_by_the_factor_up_to_the_cap_with_bounded_jitter(int retry, double jitter, double seconds) =>
        Assert.Equal(seconds, RetryPolicy.Backoff(new BackoffSpec { InitialSeconds = 1, Factor = 2, MaxSeconds = 5 }, retry, jitter).TotalSeconds, 3);
}
