namespace Overseer.Worker;

internal static partial class WorkerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Worker for queue {Queue} started: batch {Batch}, idle timeout {Idle}, command {Command}")]
    public static partial void Started(ILogger logger, string queue, int batch, string idle, string command);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue} empty for {Idle}; exiting ({Done} item(s) done, {Failed} failed)")]
    public static partial void Idle(ILogger logger, string queue, string idle, int done, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Item {Id} (attempt {Attempt}) failed: {Error}; retry in {Delay}")]
    public static partial void ItemFailed(ILogger logger, long id, int attempt, string error, string delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Item {Id}: lease lost ({What}); dropped without ack")]
    public static partial void LeaseLost(ILogger logger, long id, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: finishing item {Id} within {Grace}")]
    public static partial void Stopping(ILogger logger, long id, string grace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped: {Released} item(s) handed back, {Acked} acked")]
    public static partial void Stopped(ILogger logger, int released, int acked);

    [LoggerMessage(Level = LogLevel.Error, Message = "The item command '{Program}' cannot be started: {Reason}")]
    public static partial void CommandNotStartable(ILogger logger, string program, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Api refused this runtime credential ({Status}); exiting")]
    public static partial void CredentialRefused(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Api is unreachable ({Error}); retrying in {DelayMs} ms")]
    public static partial void ApiUnreachable(ILogger logger, string error, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Api stayed unreachable for {Seconds} s; exiting")]
    public static partial void GaveUp(ILogger logger, double seconds);
}
