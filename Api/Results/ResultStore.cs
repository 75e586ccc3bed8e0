using Dapper;
using Npgsql;
using Overseer.Contracts.Faults;

namespace Overseer.Api.Results;

/// <summary>
/// Writes enrollments, results and sidecar heartbeats. Each write is one transaction that first uses the nonce, then
/// checks the fence (the attempt must be the task's latest, read under a share lock so a new attempt cannot start
/// in between), then writes guarded by a primary key, so concurrent duplicates collapse to one row.
/// </summary>
public sealed class ResultStore(NpgsqlDataSource db)
{
    /// <summary>Records the first enrollment of an attempt; a retry by the same instance is answered again.</summary>
    internal async Task<StoreOutcome> EnrollAsync(Guid taskId, int attempt, byte[] tokenHash, byte[] instanceHash, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (await FenceAsync(connection, tx, taskId, attempt, ct) is { } fenced)
        {
            return fenced;
        }
        var inserted = await connection.ExecuteAsync(new CommandDefinition(ResultSql.InsertEnrollment,
            new { taskId, attempt, tokenHash, instanceHash }, tx, cancellationToken: ct));
        var outcome = StoreOutcome.Done;
        if (inserted == 0)
        {
            var existing = await connection.QuerySingleAsync<(byte[] TokenHash, byte[] InstanceHash, DateTime? ContestedAt)>(
                new CommandDefinition(ResultSql.LockEnrollment, new { taskId, attempt }, tx, cancellationToken: ct));
            if (existing.ContestedAt is null && existing.TokenHash.AsSpan().SequenceEqual(tokenHash)
                && existing.InstanceHash.AsSpan().SequenceEqual(instanceHash))
            {
                outcome = StoreOutcome.Repeated;
            }
            else
            {
                await connection.ExecuteAsync(new CommandDefinition(ResultSql.Contest, new { taskId, attempt }, tx, cancellationToken: ct));
                outcome = StoreOutcome.Contested;
            }
        }
        await tx.CommitAsync(ct);
        return outcome;
    }

    /// <summary>Records a verified result exactly once per (task, attempt).</summary>
    internal async Task<StoreOutcome> RecordAsync(SignedRequest request, string? resultJson, IReadOnlyList<ResultFile> files,
        DateTimeOffset nonceExpiresAt, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (!await UseNonceAsync(connection, tx, request, nonceExpiresAt, ct))
        {
            return StoreOutcome.Replay;
        }
        var fence = await connection.QuerySingleOrDefaultAsync<FenceRow>(new CommandDefinition(ResultSql.FenceWithEnrollment,
            new { taskId = request.TaskId, attempt = request.Attempt }, tx, cancellationToken: ct));
        var outcome = fence switch
        {
            null => StoreOutcome.NotFound,
            _ when fence.Current != request.Attempt => StoreOutcome.Fenced,
            { Contested: true } => StoreOutcome.Contested,
            _ => await InsertResultAsync(connection, tx, request, resultJson, files, ct),
        };
        if (outcome == StoreOutcome.Done)
        {
            CrashPoints.Hit(CrashPoints.BeforeResultCommit);
        }
        await tx.CommitAsync(ct);
        if (outcome == StoreOutcome.Done)
        {
            CrashPoints.Hit(CrashPoints.AfterResultCommit);
        }
        return outcome;
    }

    /// <summary>Extends the heartbeat deadline of a live, current attempt by <paramref name="ttl"/>.</summary>
    internal async Task<StoreOutcome> HeartbeatAsync(SignedRequest request, TimeSpan ttl, DateTimeOffset nonceExpiresAt, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (!await UseNonceAsync(connection, tx, request, nonceExpiresAt, ct))
        {
            return StoreOutcome.Replay;
        }
        if (await FenceAsync(connection, tx, request.TaskId, request.Attempt, ct) is { } fenced)
        {
            await tx.CommitAsync(ct);
            return fenced;
        }
        var updated = await connection.ExecuteAsync(new CommandDefinition(ResultSql.Heartbeat,
            new { taskId = request.TaskId, attempt = request.Attempt, ttlSeconds = ttl.TotalSeconds }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return updated == 1 ? StoreOutcome.Done : StoreOutcome.NotLive;
    }

    /// <summary>One stored file, or null.</summary>
    internal async Task<byte[]?> GetFileAsync(Guid taskId, int attempt, string path, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(
            "SELECT content FROM attempt_files WHERE task_id = @taskId AND attempt = @attempt AND path = @path",
            new { taskId, attempt, path }, cancellationToken: ct));
    }

    /// <summary>Deletes nonces that expired before <paramref name="now"/>; answers how many.</summary>
    internal async Task<int> SweepNoncesAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM result_nonces WHERE expires_at < @now",
            new { now }, cancellationToken: ct));
    }

    private static async Task<StoreOutcome?> FenceAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid taskId, int attempt, CancellationToken ct)
    {
        var current = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(ResultSql.Fence,
            new { taskId }, tx, cancellationToken: ct));
        return current is null ? StoreOutcome.NotFound : current != attempt ? StoreOutcome.Fenced : null;
    }

    private static async Task<bool> UseNonceAsync(NpgsqlConnection connection, NpgsqlTransaction tx, SignedRequest request,
        DateTimeOffset expiresAt, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(ResultSql.UseNonce,
            new { taskId = request.TaskId, attempt = request.Attempt, nonce = request.Nonce, expiresAt }, tx, cancellationToken: ct)) == 1;

    private static async Task<StoreOutcome> InsertResultAsync(NpgsqlConnection connection, NpgsqlTransaction tx, SignedRequest request,
        string? resultJson, IReadOnlyList<ResultFile> files, CancellationToken ct)
    {
        var key = new { taskId = request.TaskId, attempt = request.Attempt };
        var inserted = await connection.ExecuteAsync(new CommandDefinition(ResultSql.InsertResult,
            new { key.taskId, key.attempt, result = resultJson, bodyHash = request.BodyHash }, tx, cancellationToken: ct));
        if (inserted == 0)
        {
            var stored = await connection.QuerySingleAsync<byte[]>(new CommandDefinition(
                "SELECT body_sha256 FROM attempt_results WHERE task_id = @taskId AND attempt = @attempt", key, tx, cancellationToken: ct));
            return stored.AsSpan().SequenceEqual(request.BodyHash) ? StoreOutcome.Repeated : StoreOutcome.Conflict;
        }
        if (files.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(ResultSql.InsertFiles, new
            {
                key.taskId,
                key.attempt,
                paths = files.Select(f => f.Path).ToArray(),
                sizes = files.Select(f => (long)f.Content.Length).ToArray(),
                hashes = files.Select(f => f.Sha256).ToArray(),
                contents = files.Select(f => f.Content).ToArray(),
            }, tx, cancellationToken: ct));
        }
        return StoreOutcome.Done;
    }

    private sealed class FenceRow
    {
        public int Current { get; set; }

        public bool Contested { get; set; }
    }
}
