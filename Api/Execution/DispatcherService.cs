using Microsoft.Extensions.Options;
using Npgsql;
using Overseer.Api.Infrastructure;
using Overseer.Contracts.Faults;

namespace Overseer.Api.Execution;

/// <summary>
/// Claims due tasks for as many free executor slots as there are, and hands them to the executor. It sleeps until
/// woken (submission, requeue, freed slot, a notification from another replica) or until the next retry is due.
/// </summary>
public sealed class DispatcherService(
    ClaimStore claims, ITaskExecutor executor, WorkSignal work, LiveAttempts live, InstanceIdentity identity,
    IOptions<ExecutorOptions> options, TimeProvider time, ILogger<DispatcherService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var settings = options.Value;
            ExecutionLog.DispatcherStarted(logger, executor.Name, identity.Id, settings.Concurrency);
            var failures = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = settings.IdlePollInterval;
                try
                {
                    var free = executor.FreeSlots;
                    if (free > 0)
                    {
                        var claimed = await claims.ClaimAsync(free, executor.Name, identity.Id, settings.HeartbeatTimeout, stoppingToken);
                        if (claimed.Count > 0)
                        {
                            CrashPoints.Hit(CrashPoints.AfterClaimCommit);
                        }
                        foreach (var attempt in claimed)
                        {
                            using var dispatch = ExecutionTracing.Dispatch(attempt);
                            executor.Start(attempt.Under(dispatch));
                        }
                        if (claimed.Count == free)
                        {
                            continue;
                        }
                        if (claimed.Count == 0)
                        {
                            // Nothing due: sleep until the next retry is due (retries requeued here also wake us themselves).
                            var due = await claims.NextDueAsync(stoppingToken);
                            if (due is { } d)
                            {
                                wait = d <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(10) : d < wait ? d : wait;
                            }
                        }
                    }
                    failures = 0;
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
                {
                    failures++;
                    wait = TimeSpan.FromMilliseconds(Math.Min(10_000, 200 * Math.Pow(2, Math.Min(failures, 6))));
                    ExecutionLog.ClaimFailed(logger, wait.TotalMilliseconds, e.Message);
                }
                try
                {
                    if (await work.WaitAsync(wait, stoppingToken) && live.Count > 0 && settings.ClaimCoalesceWindow > TimeSpan.Zero)
                    {
                        // Busy: let a few more slots free up or submissions arrive, so one claim takes several tasks.
                        await Task.Delay(settings.ClaimCoalesceWindow, time, stoppingToken);
                    }
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever the last round threw (a cancelled command, a closed connection) is not a failure.
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Running attempts are stopped and reported Lost, so another replica (or the next start) retries them.
        live.KillAll(KillReason.Shutdown);
        var deadline = time.GetTimestamp();
        while (live.Count > 0 && time.GetElapsedTime(deadline) < TimeSpan.FromSeconds(10) && !cancellationToken.IsCancellationRequested)
        {
            // Not with the token: a host giving up on the wait must not make this stop throw (the loop checks it).
            await Task.Delay(50, CancellationToken.None);
        }
    }
}
