namespace Overseer.Api.Queues;

internal static partial class QueuesLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue}: started pool {TaskId} with {Parallelism} process(es) for {Due} due item(s)")]
    public static partial void PoolStarted(ILogger logger, string queue, Guid taskId, int parallelism, long due);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue}: pool {TaskId} ended ({Kind}); waiting {Wait}: {Reason}")]
    public static partial void PoolEnded(ILogger logger, string queue, Guid taskId, string kind, string wait, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: pool {TaskId} missed its start timeout of {Timeout}; stopping it")]
    public static partial void PoolStartTimedOut(ILogger logger, string queue, Guid taskId, string timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue}: pool {TaskId} grows to {Parallelism} process(es)")]
    public static partial void PoolScaled(ILogger logger, string queue, Guid taskId, int parallelism);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spawner round failed: {Error}")]
    public static partial void SpawnerFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Returned {Count} item(s) with expired leases ({Dead} dead)")]
    public static partial void LeasesExpired(ILogger logger, int count, int dead);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease expiry round failed: {Error}")]
    public static partial void LeaseExpiryFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue} deleted ({Claimed} item(s) were claimed)")]
    public static partial void QueueDeleted(ILogger logger, string queue, long claimed);
}
