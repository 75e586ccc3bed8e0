using System.Text.Json;
using Npgsql;
using Overseer.Contracts.Queues;

namespace Overseer.Bench.Queue;

/// <summary>The benchmark's queue and database chores.</summary>
internal static class Database
{
    /// <summary>The queue every Overseer phase uses (runtime external: the spawner starts no pools).</summary>
    public const string Queue = "bench";

    public static async Task DefineQueueAsync(NpgsqlDataSource db)
    {
        var spec = QueueSpecValidator.Normalize(new QueueSpec { Runtime = QueueDefaults.ExternalRuntime, LeaseSeconds = 60 });
        await ExecuteAsync(db, $"""
            INSERT INTO queues (name, spec, lease_seconds, max_attempts) VALUES ('{Queue}', '{JsonSerializer.Serialize(spec, QueuesJson.Lenient.QueueSpec)}', 60, 5)
            ON CONFLICT (name) DO NOTHING
            """);
    }

    public static Task ClearAsync(NpgsqlDataSource db) => ExecuteAsync(db, "TRUNCATE queue_items");

    public static Task AnalyzeAsync(NpgsqlDataSource db) => ExecuteAsync(db, "ANALYZE queue_items");

    /// <summary>Adds finished (done) items, as months of history would, then vacuums as autovacuum would.</summary>
    public static async Task AddFinishedAsync(NpgsqlDataSource db, int count)
    {
        await ExecuteAsync(db, $$"""
            INSERT INTO queue_items (queue, state, payload, attempts, finished_at, lease_token)
            SELECT '{{Queue}}', 'done', '{}', 1, now() - make_interval(secs => n), gen_random_uuid() FROM generate_series(1, {{count}}) n
            """, 600);
        await ExecuteAsync(db, "VACUUM ANALYZE queue_items", 600);
    }

    /// <summary>Commits of the database so far. Statistics are flushed about once a second, so this waits first.</summary>
    public static async Task<long> CommitsAsync(NpgsqlDataSource db)
    {
        await Task.Delay(1200);
        await using var connection = await db.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource db, string sql, int timeoutSeconds = 60)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = timeoutSeconds };
        await cmd.ExecuteNonQueryAsync();
    }
}
