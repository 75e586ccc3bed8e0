using System.Text.Json;
using Dapper;
using Npgsql;
using Overseer.Contracts.Queues;

namespace Overseer.Api.Queues;

/// <summary>Queue definitions: define, read with statistics, pause, delete (<see cref="PoolSql"/>).</summary>
public sealed class QueueStore(NpgsqlDataSource db)
{
    /// <summary>Stores a validated, normalized definition; answers true when the queue is new.</summary>
    public async Task<bool> UpsertAsync(string name, QueueSpec spec, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(PoolSql.Upsert, Args(name, spec), cancellationToken: ct));
    }

    private static object Args(string name, QueueSpec spec) => new
    {
        name,
        spec = JsonSerializer.Serialize(spec, QueuesJson.Lenient.QueueSpec),
        leaseSeconds = spec.LeaseSeconds!.Value,
        maxAttempts = spec.MaxAttempts!.Value,
        deadLetter = spec.DeadLetter,
    };

    /// <summary>Stores several validated, normalized definitions in one transaction; answers which were created and which replaced.</summary>
    internal async Task<(List<string> Created, List<string> Updated)> UpsertManyAsync(IReadOnlyList<ImportedQueue> queues, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var (created, updated) = (new List<string>(), new List<string>());
        foreach (var queue in queues)
        {
            var isNew = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(PoolSql.Upsert, Args(queue.Name, queue.Spec), tx, cancellationToken: ct));
            (isNew ? created : updated).Add(queue.Name);
        }
        await tx.CommitAsync(ct);
        return (created, updated);
    }

    /// <summary>One queue with its statistics, or null.</summary>
    internal async Task<QueueRecord?> GetAsync(string name, CancellationToken ct) =>
        (await SelectAsync(name, ct)).SingleOrDefault();

    /// <summary>Every queue with its statistics, by name.</summary>
    internal Task<IReadOnlyList<QueueRecord>> ListAsync(CancellationToken ct) => SelectAsync(null, ct);

    /// <summary>Names of the given queues that exist.</summary>
    public async Task<IReadOnlyList<string>> ExistingAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM queues WHERE name = ANY(@names)", new { names = names.ToArray() }, cancellationToken: ct))).AsList();
    }

    /// <summary>Pauses or resumes a queue; false when it does not exist.</summary>
    public async Task<bool> SetPausedAsync(string name, bool paused, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(PoolSql.SetPaused, new { name, paused }, cancellationToken: ct)) is not null;
    }

    /// <summary>Deletes a queue with its items and credentials, in one transaction; refused while items are claimed unless <paramref name="force"/>.</summary>
    internal async Task<DeleteOutcome> DeleteAsync(string name, bool force, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var rows = (await connection.QueryAsync<(Guid? PoolTaskId, long Claimed)>(new CommandDefinition(
            PoolSql.LockForDelete, new { name }, tx, cancellationToken: ct))).AsList();
        if (rows.Count == 0)
        {
            return new DeleteOutcome(false, false, 0, null);
        }
        var found = rows[0];
        if (found.Claimed > 0 && !force)
        {
            return new DeleteOutcome(true, false, found.Claimed, found.PoolTaskId);
        }
        await connection.ExecuteAsync(new CommandDefinition(QueueSql.DeleteItems, new { name }, tx, cancellationToken: ct, commandTimeout: 300));
        await connection.ExecuteAsync(new CommandDefinition(PoolSql.Delete, new { name }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return new DeleteOutcome(true, true, found.Claimed, found.PoolTaskId);
    }

    /// <summary>Items of a queue, newest first.</summary>
    internal async Task<IReadOnlyList<QueueItemRecord>> ListItemsAsync(string queue, string? state, long? before, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<QueueItemRecord>(new CommandDefinition(QueueSql.ListItems,
            new { queue, state, before, limit }, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// Moves dead item <paramref name="id"/> of <paramref name="queue"/> back to available; answers it, or null when it
    /// is not dead (or not there). Throws <see cref="PostgresException"/> 23505 when a live item holds its dedup key.
    /// </summary>
    internal async Task<QueueItemRecord?> RequeueAsync(string queue, long id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<QueueItemRecord>(new CommandDefinition(QueueSql.Requeue, new { queue, id }, cancellationToken: ct));
    }

    private async Task<IReadOnlyList<QueueRecord>> SelectAsync(string? name, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<QueueRecord>(new CommandDefinition(PoolSql.Select, new { name }, cancellationToken: ct))).AsList();
    }
}
