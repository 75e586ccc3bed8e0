using Npgsql;

namespace Overseer.Bench.Dashboard;

/// <summary>
/// Fills the database with history in a few set-based statements: finished tasks spread over the last 7 days (most
/// succeeded, some failed, timed out, cancelled or lost), one attempt and three transitions each, a log for one task in
/// a hundred. The counters' triggers see these inserts like any others.
/// </summary>
internal static class Seed
{
    public static async Task TasksAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, """
            CREATE TEMP TABLE seed AS
            SELECT
                -- a UUIDv7: 48 bits of milliseconds, then random bits, so ids are time-ordered like the Api's
                (lpad(to_hex((extract(epoch FROM t.created_at) * 1000)::bigint), 12, '0') || '7' || substr(md5(g::text), 1, 3) || '8' || substr(md5(g::text), 4, 15))::uuid AS id,
                'bench-' || (ARRAY['etl', 'report', 'sync', 'backup', 'index'])[1 + g % 5] || '-' || g AS name,
                CASE WHEN g % 50 = 0 THEN 'Failed' WHEN g % 97 = 0 THEN 'TimedOut' WHEN g % 89 = 0 THEN 'Cancelled' WHEN g % 211 = 0 THEN 'Lost'
                     ELSE 'Succeeded' END AS state,
                t.created_at,
                g
            FROM generate_series(1, @count) AS g,
                 LATERAL (SELECT now() - make_interval(secs => (@count - g) * (604800.0 / @count)) AS created_at) t;

            INSERT INTO tasks (id, name, kind, state, spec, attempt, retries, created_at, updated_at, finished_at, reason)
            SELECT id, name, 'task', state,
                   jsonb_build_object('name', name, 'command', jsonb_build_array('sh', '-c', 'echo ' || name), 'timeoutSeconds', 180, 'retries', 0,
                                      'labels', jsonb_build_object('team', (ARRAY['blue', 'red', 'green'])[1 + g % 3])),
                   1, 0, created_at, created_at + interval '2 seconds', created_at + interval '2 seconds',
                   CASE state WHEN 'Succeeded' THEN 'attempt 1 exited 0' ELSE 'attempt 1 ended ' || state END
            FROM seed;

            INSERT INTO attempts (task_id, attempt, state, executor, owner, created_at, started_at, finished_at, heartbeat_deadline,
                                  exit_code, failure_type, reason, log_bytes)
            SELECT id, 1, state, 'local', 'bench', created_at, created_at + interval '100 ms', created_at + interval '2 seconds',
                   created_at + interval '1 minute',
                   CASE state WHEN 'Succeeded' THEN 0 WHEN 'Failed' THEN 1 END,
                   CASE state WHEN 'Failed' THEN 'Application' WHEN 'TimedOut' THEN 'Timeout' WHEN 'Lost' THEN 'Infrastructure' END,
                   CASE state WHEN 'Succeeded' THEN 'exited 0' ELSE state END,
                   CASE WHEN g % 100 = 0 THEN 4000 ELSE 0 END
            FROM seed;

            INSERT INTO task_transitions (task_id, attempt, from_state, to_state, at, actor, reason)
            SELECT id, 0, NULL, 'Queued', created_at, 'api', 'submitted' FROM seed
            UNION ALL SELECT id, 1, 'Queued', 'Dispatching', created_at + interval '50 ms', 'dispatcher', 'claimed' FROM seed
            UNION ALL SELECT id, 1, 'Dispatching', 'Running', created_at + interval '100 ms', 'executor', 'started' FROM seed
            UNION ALL SELECT id, 1, 'Running', state, created_at + interval '2 seconds', 'executor', 'ended' FROM seed;

            INSERT INTO task_logs (task_id, attempt, seq, stream, at, data)
            SELECT id, 1, 0, 1, created_at + interval '1 second', convert_to(repeat('log line of ' || name || E'\n', 100), 'UTF8')
            FROM seed WHERE g % 100 = 0;

            ANALYZE tasks; ANALYZE attempts; ANALYZE task_transitions; ANALYZE task_logs;
            """, count);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, int count)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        command.Parameters.AddWithValue("count", count);
        await command.ExecuteNonQueryAsync();
    }
}
