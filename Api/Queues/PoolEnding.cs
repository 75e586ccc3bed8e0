using Overseer.Contracts.Queues;

namespace Overseer.Api.Queues;

/// <summary>How a pool ended, in job-chief's terms, and which wait follows.</summary>
/// <param name="Kind"><c>success</c>, <c>error</c> or <c>failed</c>.</param>
/// <param name="Wait">The queue's wait for that kind.</param>
/// <param name="Reason">What happened, for the dashboard.</param>
internal sealed record PoolEnding(string Kind, TimeSpan Wait, string Reason)
{
    /// <summary>
    /// Classifies a finished pool task: Succeeded is a successful run; a pool that could not run at all (its program
    /// did not start, or a Worker exited with an error code) is an error; anything else (a process failed, the pool
    /// timed out, was lost or cancelled) is a failed run.
    /// </summary>
    public static PoolEnding Of(SpawnerRow row, QueueSpec spec)
    {
        var reason = row.PoolReason ?? row.PoolState ?? "pool task gone";
        if (row.PoolState == "Succeeded")
        {
            return new("success", Duration.Parse(spec.WaitTimeAfterSuccessfulRun!), reason);
        }
        var error = row.PoolState == "Failed" && row.FailureType == "Application"
            && (row.ExitCode is null || WorkerExitCodes.IsError(row.ExitCode.Value));
        if (error)
        {
            var meaning = row.ExitCode is { } code ? $" ({WorkerExitCodes.Describe(code)})" : "";
            return new("error", Duration.Parse(spec.WaitTimeAfterError!), reason + meaning);
        }
        return new("failed", Duration.Parse(spec.WaitTimeAfterFailedRun!), reason);
    }
}
