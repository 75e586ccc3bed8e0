using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Overseer.Api.Leadership;
using Overseer.Api.StateMachine;
using Overseer.Api.Tasks;
using Overseer.Contracts.Json;
using Overseer.Contracts.Queues;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Queues;

/// <summary>
/// On the leader only, job-chief's lifecycle per queue: when a queue has due items and no pool, start a pool (a task
/// of kind <c>pool</c>); stop a pool that misses its start timeout; grow a running pool with the queue's depth; when a
/// pool ends, wait <c>waitTimeAfter...</c> by how it ended before the next one. Writes carry the leader term.
/// </summary>
public sealed class QueueSpawnerService(
    NpgsqlDataSource db, ILeadership leadership, TaskStore tasks, SpawnerSignal signal, IOptions<QueueOptions> options,
    ILogger<QueueSpawnerService> logger) : BackgroundService
{
    /// <summary>Due items are counted up to this many (enough to size any pool).</summary>
    public const int DueCap = QueueSpecValidator.MaxParallelism * 1000;

    /// <summary>One round over every queue that needs a look. Does nothing when not the leader.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        if (leadership.Current is not { } fence)
        {
            return;
        }
        List<SpawnerRow> rows;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            rows = (await connection.QueryAsync<SpawnerRow>(new CommandDefinition(PoolSql.SpawnerScan, new { cap = DueCap }, cancellationToken: ct))).AsList();
        }
        foreach (var row in rows)
        {
            var spec = JsonSerializer.Deserialize(row.Spec, QueuesJson.Lenient.QueueSpec)!;
            await HandleAsync(row, spec, fence, ct);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException or NotLeaderException && !stoppingToken.IsCancellationRequested)
                {
                    QueuesLog.SpawnerFailed(logger, e.Message);
                }
                try
                {
                    await signal.WaitAsync(options.Value.SpawnerInterval, stoppingToken);
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

    private async Task HandleAsync(SpawnerRow row, QueueSpec spec, LeaderFence fence, CancellationToken ct)
    {
        if (row.PoolTaskId is not { } pool)
        {
            if (spec.Runtime == QueueDefaults.ExternalRuntime)
            {
                return;
            }
            if (row.Due > 0)
            {
                await StartPoolAsync(row, spec, fence, ct);
            }
            else if (!await RecordEmptyAsync(row.Name, Duration.Parse(spec.QueueCheckInterval!), fence, ct))
            {
                // Items arrived meanwhile: look again at once.
                signal.Notify();
            }
            return;
        }
        switch (row.PoolState)
        {
            case "Running":
                var target = Target(row.Due, spec);
                if (target > (row.Parallelism ?? 0) && await ScaleAsync(pool, target, fence, ct))
                {
                    QueuesLog.PoolScaled(logger, row.Name, pool, target);
                }
                break;
            case "Pending" or "Queued" or "Dispatching":
                var timeout = Duration.Parse(spec.JobStartTimeout!);
                if (row.PoolAgeSeconds > timeout.TotalSeconds)
                {
                    QueuesLog.PoolStartTimedOut(logger, row.Name, pool, spec.JobStartTimeout!);
                    await tasks.CancelAsync(pool, "spawner", ct);
                    await RecordWaitAsync(row.Name, pool, "timeout", Duration.Parse(spec.WaitTimeAfterTimeout!),
                        $"pool did not start within {spec.JobStartTimeout} (it was {row.PoolState}); it was stopped", fence, ct);
                }
                break;
            default:
                var ending = PoolEnding.Of(row, spec);
                if (await RecordWaitAsync(row.Name, pool, ending.Kind, ending.Wait, ending.Reason, fence, ct))
                {
                    QueuesLog.PoolEnded(logger, row.Name, pool, ending.Kind, Duration.Format(ending.Wait), ending.Reason);
                }
                break;
        }
    }

    private async Task StartPoolAsync(SpawnerRow row, QueueSpec spec, LeaderFence fence, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var parallelism = Target(row.Due, spec);
        var poolSpec = new TaskSpec
        {
            Name = $"pool-{row.Name}",
            Image = spec.Image,
            Command = spec.Command,
            Args = spec.Args,
            Env = spec.Env,
            Annotations = spec.Annotations,
            Resources = spec.Resources,
            TimeoutSeconds = (int)Math.Ceiling(Duration.Parse(spec.PoolTimeout!).TotalSeconds),
            Retries = 0,
            Labels = new Dictionary<string, string> { ["overseer.dev/queue"] = row.Name },
        };
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (await connection.ExecuteScalarAsync<int?>(new CommandDefinition(TaskSql.HoldsLease,
            new { name = fence.LeaseName, term = fence.Term, holder = fence.Holder }, tx, cancellationToken: ct)) is null)
        {
            return;
        }
        await connection.ExecuteAsync(new CommandDefinition(TaskSql.Submit, new
        {
            id,
            name = poolSpec.Name,
            kind = "pool",
            spec = JsonSerializer.Serialize(poolSpec, ContractsJson.Lenient.TaskSpec),
            retries = 0,
            retryOf = (Guid?)null,
            traceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01",
            actor = "spawner",
            reason = $"pool for queue {row.Name}: {row.Due} item(s) due",
        }, tx, cancellationToken: ct));
        var attached = await connection.ExecuteAsync(new CommandDefinition(PoolSql.AttachPool,
            new { taskId = id, name = row.Name, parallelism }, tx, cancellationToken: ct));
        if (attached != 2)
        {
            // The queue changed under us (paused, deleted, or another pool): leave it for the next round.
            await tx.RollbackAsync(ct);
            return;
        }
        await tx.CommitAsync(ct);
        QueuesLog.PoolStarted(logger, row.Name, id, parallelism, row.Due);
    }

    /// <summary>Records that the queue is empty (next check after the interval), unless items arrived; answers false then.</summary>
    private async Task<bool> RecordEmptyAsync(string queue, TimeSpan interval, LeaderFence fence, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (await connection.ExecuteScalarAsync<int?>(new CommandDefinition(PoolSql.LockIdle, new { name = queue }, tx, cancellationToken: ct)) is null
            || await connection.ExecuteScalarAsync<bool>(new CommandDefinition(PoolSql.HasDueItems, new { name = queue }, tx, cancellationToken: ct)))
        {
            return false;
        }
        var written = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(PoolSql.RecordWait,
            WaitArgs(queue, null, "empty", interval, "queue empty", fence), tx, cancellationToken: ct)) is not null;
        await tx.CommitAsync(ct);
        return written;
    }

    private async Task<bool> RecordWaitAsync(string queue, Guid? pool, string kind, TimeSpan wait, string reason, LeaderFence fence, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(PoolSql.RecordWait,
            WaitArgs(queue, pool, kind, wait, reason, fence), cancellationToken: ct)) is not null;
    }

    private static object WaitArgs(string queue, Guid? pool, string kind, TimeSpan wait, string reason, LeaderFence fence) => new
    {
        leaseName = fence.LeaseName,
        term = fence.Term,
        holder = fence.Holder,
        name = queue,
        pool,
        kind,
        seconds = wait.TotalSeconds,
        reason,
    };

    private async Task<bool> ScaleAsync(Guid pool, int parallelism, LeaderFence fence, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(PoolSql.Scale, new
        {
            leaseName = fence.LeaseName,
            term = fence.Term,
            holder = fence.Holder,
            taskId = pool,
            parallelism,
        }, cancellationToken: ct)) is not null;
    }

    /// <summary>Processes a pool should run for <paramref name="due"/> items: one per <c>itemsPerPod</c>, within parallelism..maxParallelism.</summary>
    private static int Target(long due, QueueSpec spec) =>
        (int)Math.Clamp((due + spec.ItemsPerPod!.Value - 1) / spec.ItemsPerPod.Value, spec.Parallelism!.Value, spec.MaxParallelism!.Value);
}
