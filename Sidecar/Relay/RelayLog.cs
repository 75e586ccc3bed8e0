namespace Overseer.Sidecar.Relay;

/// <summary>Log messages of the relay. Tokens, keys, signatures and result bodies are never logged.</summary>
internal static partial class RelayLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Relay serving {TaskId} attempt {Attempt} (per-pod mode), Api at {Api}")]
    public static partial void PerPod(ILogger logger, Guid taskId, int attempt, string api);

    [LoggerMessage(Level = LogLevel.Information, Message = "Relay serving local attempts (shared mode), Api at {Api}")]
    public static partial void Shared(ILogger logger, string api);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relay disabled: services:api:http:0 (the Api's address) is not set")]
    public static partial void NoApi(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Enrolled for {TaskId} attempt {Attempt}")]
    public static partial void Enrolled(ILogger logger, Guid taskId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Enrollment for {TaskId} attempt {Attempt} refused by the Api ({Status}): {Detail}")]
    public static partial void EnrollmentRefused(ILogger logger, Guid taskId, int attempt, int status, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} for {TaskId} attempt {Attempt}: Api unavailable ({Reason}); try {Try}, next in {DelayMs:0} ms")]
    public static partial void Retrying(ILogger logger, string what, Guid taskId, int attempt, string reason, int @try, double delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Result of {TaskId} attempt {Attempt} delivered ({Status}, {Files} files, after {Tries} tries)")]
    public static partial void Delivered(ILogger logger, Guid taskId, int attempt, string status, int files, int tries);

    [LoggerMessage(Level = LogLevel.Error, Message = "Result of {TaskId} attempt {Attempt} refused by the Api ({Status}): {Detail}")]
    public static partial void DeliveryRefused(ILogger logger, Guid taskId, int attempt, int status, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Result of {TaskId} attempt {Attempt} not delivered: gave up after {Seconds:0} s of retries")]
    public static partial void GaveUp(ILogger logger, Guid taskId, int attempt, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Heartbeat for {TaskId} attempt {Attempt}: {Outcome}")]
    public static partial void Heartbeat(ILogger logger, Guid taskId, int attempt, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Output file {Path} left out: {Reason}")]
    public static partial void OutputSkipped(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Spooled result {File} is unreadable ({Error}); set aside as .bad")]
    public static partial void SpoolEntryUnreadable(ILogger logger, string file, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {Count} spooled results a previous run accepted")]
    public static partial void Resuming(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Api's clock is {Seconds:0.#} s from this one; signing with the Api's time")]
    public static partial void ClockCorrected(ILogger logger, double seconds);
}
