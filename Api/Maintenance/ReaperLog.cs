using Overseer.Api.StateMachine;

namespace Overseer.Api.Maintenance;

internal static partial class ReaperLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} lost its heartbeat; task is now {TaskState}")]
    public static partial void Reaped(ILogger logger, AttemptKey attempt, string taskState);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reaper round failed: {Error}")]
    public static partial void RoundFailed(ILogger logger, string error);
}
