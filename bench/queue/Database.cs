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

    public static Task VacuumAsync(NpgsqlDataSource db) => ExecuteAsync(db, "VACUUM ANALYZE", 600);

    /// <summary>Adds finished (done) items, as months of history would, then vacuums as autovacuum would.</summary>
    public static async Task AddFinishedAsync(NpgsqlDataSource db, int count)
    {
        await ExecuteAsync(db, $$"""
            INSERT INTO queue_items (queue, state, payload, attempts, finished_at, lease_token)
            SELECT '{{Queue}}', 'done', '{}', 1, now() - make_interval(secs => n), gen_random_uuid() FROM generate_series(1, {{count}}) n
            """, 600);
        await ExecuteAsync(db, "VACUUM ANALYZE queue_items", 600);
    }

    /// <summary>Prints the statements that took the most server time (with --statements).</summary>
    public static async Task PrintStatementsAsync(NpgsqlDataSource db)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT calls, round(mean_exec_time::numeric, 4), round(total_exec_time::numeric), rows, " +
            "left(regexp_replace(query, '\\s+', ' ', 'g'), 110) FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 20", connection);
        await using var reader = await cmd.ExecuteReaderAsync();
        Console.WriteLine();
        Console.WriteLine("### Server time by statement (pg_stat_statements)");
        Console.WriteLine();
        Console.WriteLine("| calls | mean ms | total ms | rows | statement |");
        Console.WriteLine("|---|---|---|---|---|");
        while (await reader.ReadAsync())
        {
            Console.WriteLine($"| {reader.GetInt64(0)} | {reader.GetDecimal(1)} | {reader.GetDecimal(2)} | {reader.GetInt64(3)} | `{reader.GetString(4).Replace("|", "/", StringComparison.Ordinal)}` |");
        }
    }

    /// <summary>Commits of the database so far. Statistics are flushed about once a second, so this waits first.</summary>
    public static async Task<long> CommitsAsync(NpgsqlDataSource db)
    {
        await Task.Delay(1200);
        await using var connection = await db.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(NpgsqlDataSource db, string sql, int timeoutSeconds = 60)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = timeoutSeconds };
        await cmd.ExecuteNonQueryAsync();
    }
}
