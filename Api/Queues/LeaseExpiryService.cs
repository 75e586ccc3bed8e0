using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Overseer.Api.Leadership;

namespace Overseer.Api.Queues;

/// <summary>
/// On the leader only: returns items whose lease expired to <c>available</c> (or <c>dead</c> when their attempts
/// are used up). A leader loop rather than a clause of the claim, so the claim stays one scan of one ordered index
/// whatever the history, and expiry costs one batched statement per interval instead of work on every claim.
/// The statement checks the leader term itself (<see cref="QueueSql.ExpireLeases"/>).
/// </summary>
public sealed class LeaseExpiryService(
    NpgsqlDataSource db, ILeadership leadership, IOptions<QueueOptions> options, TimeProvider time, ILogger<LeaseExpiryService> logger)
    : BackgroundService
{
    /// <summary>One round; answers how many items were returned. Does nothing when not the leader.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var total = 0;
        while (leadership.Current is { } fence)
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            var moved = (await connection.QueryAsync<(long Id, string Queue, string State)>(new CommandDefinition(QueueSql.ExpireLeases, new
            {
                leaseName = fence.LeaseName,
                term = fence.Term,
                holder = fence.Holder,
                limit = options.Value.LeaseExpiryBatch,
            }, cancellationToken: ct))).AsList();
            if (moved.Count > 0)
            {
                QueuesLog.LeasesExpired(logger, moved.Count, moved.Count(m => m.State == "dead"));
            }
            total += moved.Count;
            if (moved.Count < options.Value.LeaseExpiryBatch)
            {
                break;
            }
        }
        return total;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(options.Value.LeaseExpiryInterval, time);
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
                {
                    QueuesLog.LeaseExpiryFailed(logger, e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever the last round threw (a cancelled command, a closed connection) is not a failure.
        }
    }
}
