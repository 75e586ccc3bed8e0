using Overseer.Api.StateMachine;

namespace Overseer.Api.Execution;

internal static partial class ExecutionLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Outcome of attempt {Attempt} was rejected: it is no longer the live attempt (task is {TaskState})")]
    public static partial void StaleOutcome(ILogger logger, AttemptKey attempt, string taskState);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} attempt changes failed; retrying in {DelayMs} ms: {Error}")]
    public static partial void WriteFailed(ILogger logger, int count, double delayMs, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat of {Count} attempts failed: {Error}")]
    public static partial void HeartbeatFailed(ILogger logger, int count, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} is no longer live in the database (the reaper gave up on it); stopping it")]
    public static partial void Fenced(ILogger logger, AttemptKey attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming tasks failed; retrying in {DelayMs} ms: {Error}")]
    public static partial void ClaimFailed(ILogger logger, double delayMs, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatcher started: executor {Executor}, owner {Owner}, concurrency {Concurrency}")]
    public static partial void DispatcherStarted(ILogger logger, string executor, string owner, int concurrency);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {Attempt} of {Name} started (pid {Pid})")]
    public static partial void AttemptStarted(ILogger logger, AttemptKey attempt, string name, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {Attempt} of {Name} ended: {Outcome}")]
    public static partial void AttemptEnded(ILogger logger, AttemptKey attempt, string name, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} of {Name} could not start: {Reason}")]
    public static partial void StartFailed(ILogger logger, AttemptKey attempt, string name, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Attempt {Attempt} failed inside the executor")]
    public static partial void ExecutorError(ILogger logger, AttemptKey attempt, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local task isolation: {Isolation}")]
    public static partial void Isolation(ILogger logger, string isolation);
}
