using Microsoft.Extensions.Options;

namespace Overseer.Api.Results;

/// <summary>Deletes remembered nonces once their timestamp can no longer pass the window check.</summary>
internal sealed class NonceSweeperService(ResultStore store, IOptions<ResultsOptions> options, TimeProvider time, ILogger<NonceSweeperService> logger)
    : BackgroundService
{
    /// <summary>One sweep; answers how many nonces were deleted.</summary>
    public Task<int> RunOnceAsync(CancellationToken ct) => store.SweepNoncesAsync(time.GetUtcNow(), ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(options.Value.NonceSweepInterval, time);
            while (await TickAsync(timer, stoppingToken))
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    ResultsLog.SweepFailed(logger, e);
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever the last round threw (a cancelled command, a closed connection) is not a failure.
        }
    }

    private static async Task<bool> TickAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
