using Microsoft.Extensions.Options;
using Npgsql;

namespace Overseer.Api.Stats;

/// <summary>Folds counter deltas every <see cref="StatsOptions.CompactInterval"/>, so reads sum few rows. Any replica may run it.</summary>
public sealed class StatsCompactorService(StatsStore stats, IOptions<StatsOptions> options, TimeProvider time, ILogger<StatsCompactorService> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(options.Value.CompactInterval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default))
            {
                try
                {
                    await stats.CompactAsync(options.Value.KeepMinutes, stoppingToken);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException)
                {
                    StatsLog.CompactFailed(logger, e.Message);
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever the last round threw (a cancelled command, a closed connection) is not a failure.
        }
    }
}
