using Overseer.Contracts.Tasks;

namespace Overseer.Api.StateMachine;

/// <summary>
/// Decides where a task goes after an attempt ended. Application failures and timeouts (and resource
/// exhaustion, which the task's own limits cause) spend <c>retries</c>; infrastructure losses spend a separate
/// budget, so disruption never eats the application's retries.
/// </summary>
public static class RetryPolicy
{
    /// <summary>Decides the next step of <paramref name="task"/> after <paramref name="outcome"/>.</summary>
    public static NextStep Decide(LockedTask task, AttemptOutcome outcome, int infrastructureRetries, double jitter = 0)
    {
        var attempt = task.Attempt;
        if (outcome.State == AttemptState.Succeeded)
        {
            return new(TaskState.Succeeded, TimeSpan.Zero, task.AppFailures, task.InfraFailures, $"attempt {attempt} {outcome.Reason}");
        }
        if (outcome.State == AttemptState.Cancelled || task.CancelRequested)
        {
            return new(TaskState.Cancelled, TimeSpan.Zero, task.AppFailures, task.InfraFailures, $"cancelled during attempt {attempt}");
        }
        if (outcome.FailureType == FailureType.Infrastructure)
        {
            var infra = task.InfraFailures + 1;
            return infra <= infrastructureRetries
                ? new(TaskState.Queued, TimeSpan.Zero, task.AppFailures, infra,
                    $"attempt {attempt} lost ({outcome.Reason}); infrastructure retry {infra} of {infrastructureRetries}")
                : new(TaskState.Lost, TimeSpan.Zero, task.AppFailures, infra,
                    $"attempt {attempt} lost ({outcome.Reason}); infrastructure retries used up ({infrastructureRetries})");
        }
        var app = task.AppFailures + 1;
        if (app <= task.Retries)
        {
            var delay = Backoff(task.Backoff, app, jitter);
            return new(TaskState.Queued, delay, app, task.InfraFailures,
                $"attempt {attempt} {outcome.Reason}; retry {app} of {task.Retries} in {delay.TotalSeconds:0.###}s");
        }
        var final = outcome.State == AttemptState.TimedOut ? TaskState.TimedOut : TaskState.Failed;
        var budget = task.Retries == 0 ? "no retries" : $"retries used up ({task.Retries})";
        return new(final, TimeSpan.Zero, app, task.InfraFailures, $"attempt {attempt} {outcome.Reason}; {budget}");
    }

    /// <summary>Delay before retry number <paramref name="retry"/> (1-based), stretched by up to <paramref name="jitter"/> (0..1).</summary>
    public static TimeSpan Backoff(BackoffSpec backoff, int retry, double jitter)
    {
        var seconds = Math.Min(backoff.MaxSeconds, backoff.InitialSeconds * Math.Pow(backoff.Factor, retry - 1));
        return TimeSpan.FromSeconds(seconds * (1 + Math.Clamp(jitter, 0, 1) * 0.1));
    }
}
