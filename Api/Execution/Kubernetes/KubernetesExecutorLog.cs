using Overseer.Api.StateMachine;

namespace Overseer.Api.Execution.Kubernetes;

internal static partial class KubernetesExecutorLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating Job {Job} failed; retrying in {DelayMs} ms: {Error}")]
    public static partial void CreateRetry(ILogger logger, string job, double delayMs, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting Job {Job} failed: {Error}")]
    public static partial void DeleteFailed(ILogger logger, string job, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {Attempt} (Job {Job}) ended: {Outcome}")]
    public static partial void Ended(ILogger logger, AttemptKey attempt, string job, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Adopted attempt {Attempt}: its Job still exists and its owner is gone")]
    public static partial void Adopted(ILogger logger, AttemptKey attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching Jobs and pods in namespace {Namespace} ({Selector})")]
    public static partial void Watching(ILogger logger, string @namespace, string selector);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep of attempts failed: {Error}")]
    public static partial void SweepFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kubernetes requests sent: {Counts}")]
    public static partial void RequestCounts(ILogger logger, string counts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pool Job {Job} grows to parallelism {Parallelism}")]
    public static partial void PoolScaled(ILogger logger, string job, int parallelism);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool Job {Job} could not grow: {Error}")]
    public static partial void PoolScaleFailed(ILogger logger, string job, string error);
}
