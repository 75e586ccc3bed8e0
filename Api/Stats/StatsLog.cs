namespace Overseer.Api.Stats;

internal static partial class StatsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Folding the task counters failed: {Error}")]
    public static partial void CompactFailed(ILogger logger, string error);
}
