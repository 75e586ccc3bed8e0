using Microsoft.Extensions.Options;

namespace Overseer.Api.Execution.Local;

/// <summary>
/// Runs each attempt as a child process of the Api (never through a shell), up to the configured concurrency; a task
/// of kind <c>pool</c> runs as its pool's processes (<see cref="LocalPoolRunner"/>) in one slot.
/// </summary>
public sealed class LocalExecutor(
    LocalProcessFactory processes, AttemptWorkDirs workDirs, TaskIsolation isolation, AttemptWriter writer, LiveAttempts live, WorkSignal work, ExecutionMetrics metrics,
    IOptions<ExecutorOptions> options, TimeProvider time, ILogger<LocalExecutor> logger, IPoolProvisioner? pools = null) : ITaskExecutor
{
    private int _running;

    /// <inheritdoc />
    public string Name => "local";

    /// <inheritdoc />
    public int FreeSlots => Math.Max(0, options.Value.Concurrency - Volatile.Read(ref _running));

    /// <inheritdoc />
    public void Start(ClaimedAttempt attempt)
    {
        Interlocked.Increment(ref _running);
        var attemptLive = new LiveAttempt(attempt.Key, new LogBuffer(options.Value.MaxLogBytes, time));
        live.Add(attemptLive);
        metrics.AttemptStarted();
        _ = Task.Run(() => RunAsync(attempt, attemptLive));
    }

    private async Task RunAsync(ClaimedAttempt attempt, LiveAttempt attemptLive)
    {
        var released = 0;
        // The slot bounds running processes: it frees as soon as the process is gone, not when its outcome is stored.
        void ReleaseSlot()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                Interlocked.Decrement(ref _running);
                work.Notify();
            }
        }
        try
        {
            if (attempt.Kind == "pool")
            {
                await new LocalPoolRunner(attempt, attemptLive, pools, processes, workDirs, isolation, writer, time, logger, ReleaseSlot).RunAsync();
            }
            else
            {
                await new LocalAttemptRunner(attempt, attemptLive, processes, workDirs, writer, options.Value, time, logger, ReleaseSlot).RunAsync();
            }
        }
        catch (Exception e)
        {
            ExecutionLog.ExecutorError(logger, attempt.Key, e);
        }
        finally
        {
            live.Remove(attempt.Key);
            attemptLive.Dispose();
            ReleaseSlot();
        }
    }
}
