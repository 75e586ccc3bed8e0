namespace Overseer.Api.Results;

/// <summary>Log messages of the result relay. Keys, tokens, signatures and result bodies are never logged.</summary>
internal static partial class ResultsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Results:MasterKey is not set: using a random master key for this process. Set it (AppHost does) so attempt keys survive a restart.")]
    public static partial void EphemeralMasterKey(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Result of {TaskId} attempt {Attempt} recorded ({Files} files)")]
    public static partial void Recorded(ILogger logger, Guid taskId, int attempt, int files);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Result of {TaskId} attempt {Attempt} delivered again; answered idempotently")]
    public static partial void Duplicate(ILogger logger, Guid taskId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} for {TaskId} attempt {Attempt} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string kind, Guid taskId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signed request refused ({Reason}) for task {TaskId} attempt {Attempt}")]
    public static partial void Rejected(ILogger logger, string reason, Guid? taskId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sidecar enrolled for {TaskId} attempt {Attempt} ({Outcome})")]
    public static partial void Enrolled(ILogger logger, Guid taskId, int attempt, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Enrollment for {TaskId} attempt {Attempt} contested: a second sidecar instance presented its token; results of this attempt are refused")]
    public static partial void Contested(ILogger logger, Guid taskId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Nonce sweep failed")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
