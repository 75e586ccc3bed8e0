namespace Overseer.Api.Stats;

/// <summary>
/// Every statement of the overview's counters (kept by the triggers of migration 0005). Reads add the deltas the
/// compactor has not folded yet, so they are exact; every read is bounded by a key, a LIMIT or a partial index.
/// </summary>
internal static class StatsSql
{
    /// <summary>Keeps two replicas from compacting at the same moment (they would only wait for each other).</summary>
    public const long CompactLockKey = 0x0_5EE_12_0005;

    public const string Read = """
        SELECT now();

        SELECT kind, state, sum(n)::bigint AS n
        FROM (SELECT kind, state, n FROM task_counts UNION ALL SELECT kind, state, n FROM task_count_deltas) c
        GROUP BY kind, state HAVING sum(n) <> 0
        ORDER BY kind, state;

        SELECT minute, metric, sum(n)::bigint AS n
        FROM (SELECT minute, metric, n FROM task_minutes WHERE minute >= stats_minute(now()) - interval '59 minutes'
              UNION ALL
              SELECT minute, metric, n FROM task_minute_deltas WHERE minute >= stats_minute(now()) - interval '59 minutes') m
        GROUP BY minute, metric;

        SELECT t.id, t.name, t.state, t.finished_at, a.failure_type, a.exit_code, t.reason
        FROM (SELECT id, name, state, finished_at, reason, attempt FROM tasks
              WHERE state IN ('Failed', 'TimedOut', 'Lost') ORDER BY finished_at DESC LIMIT 10) t
        LEFT JOIN attempts a ON a.task_id = t.id AND a.attempt = t.attempt
        ORDER BY t.finished_at DESC;

        SELECT count(*) FROM workflows WHERE state = 'Running';
        """;

    public static readonly string TryLock = $"SELECT pg_try_advisory_xact_lock({CompactLockKey})";

    public const string FoldCounts = """
        WITH d AS (DELETE FROM task_count_deltas RETURNING kind, state, n)
        INSERT INTO task_counts (kind, state, n)
        SELECT kind, state, sum(n) FROM d GROUP BY kind, state ORDER BY kind, state
        ON CONFLICT (kind, state) DO UPDATE SET n = task_counts.n + excluded.n
        """;

    public const string FoldMinutes = """
        WITH d AS (DELETE FROM task_minute_deltas RETURNING minute, metric, n)
        INSERT INTO task_minutes (minute, metric, n)
        SELECT minute, metric, sum(n) FROM d GROUP BY minute, metric ORDER BY minute, metric
        ON CONFLICT (minute, metric) DO UPDATE SET n = task_minutes.n + excluded.n
        """;

    public const string PruneMinutes = "DELETE FROM task_minutes WHERE minute < now() - @keep";
}
