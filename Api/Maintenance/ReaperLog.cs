using Overseer.Api.StateMachine;

namespace Overseer.Api.Maintenance;

internal static partial class ReaperLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} lost its heartbeat; task is now {TaskState}")]
    public static partial void Reaped(ILogger logger, AttemptKey attempt, string taskState);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reaper round failed: {Error}")]
    public static partial void RoundFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} attempts look lost, but the database was unreachable or the term is new; waiting {Seconds:0.#} s for their heartbeats")]
    public static partial void HoldingOff(ILogger logger, int count, double seconds);
}
