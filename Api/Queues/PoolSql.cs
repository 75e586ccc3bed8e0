namespace Overseer.Api.Queues;

/// <summary>
/// Statements of queue definitions, the spawner (leader only; each write carries the leader term as a fence),
/// pools and runtime credentials. Item statements are in <see cref="QueueSql"/>.
/// </summary>
public static class PoolSql
{
    /// <summary>Creates or replaces a definition (keeping pause and spawner state); answers true when created.</summary>
    public const string Upsert = """
        INSERT INTO queues (name, spec, lease_seconds, max_attempts, dead_letter)
        VALUES (@name, @spec::jsonb, @leaseSeconds, @maxAttempts, @deadLetter)
        ON CONFLICT (name) DO UPDATE SET spec = excluded.spec, lease_seconds = excluded.lease_seconds,
            max_attempts = excluded.max_attempts, dead_letter = excluded.dead_letter, updated_at = now()
        RETURNING xmax = 0
        """;

    /// <summary>Queues (one, or all when @name is null) with their statistics and pool state.</summary>
    public const string Select = """
        SELECT q.name, q.spec::text AS spec, q.paused, q.created_at, q.updated_at, q.pool_task_id, q.pool_started_at,
               q.last_pool_task_id, q.wait_kind, nullif(q.wait_until, '-infinity') AS wait_until, q.wait_reason, now() AS db_now,
               p.parallelism, t.state AS pool_state,
               (SELECT count(*) FROM queue_items i WHERE i.queue = q.name AND i.state = 'available') AS available,
               (SELECT count(*) FROM queue_items i WHERE i.queue = q.name AND i.state = 'claimed') AS claimed,
               (SELECT count(*) FROM queue_items i WHERE i.queue = q.name AND i.state = 'done') AS done,
               (SELECT count(*) FROM queue_items i WHERE i.queue = q.name AND i.state = 'dead') AS dead,
               (SELECT extract(epoch FROM now() - min(i.run_at))::float8 FROM queue_items i
                WHERE i.queue = q.name AND i.state = 'available' AND i.run_at <= now()) AS oldest_available_seconds,
               (SELECT count(*) FROM queue_items i
                WHERE i.queue = q.name AND i.state = 'done' AND i.finished_at > now() - interval '1 minute') AS done_last_minute,
               (SELECT count(*) FROM queue_items i
                WHERE i.queue = q.name AND i.state = 'dead' AND i.finished_at > now() - interval '1 minute') AS dead_last_minute
        FROM queues q
        LEFT JOIN queue_pools p ON p.task_id = q.pool_task_id
        LEFT JOIN tasks t ON t.id = q.pool_task_id
        WHERE @name::text IS NULL OR q.name = @name
        ORDER BY q.name
        """;

    /// <summary>Pauses or resumes; answers nothing when the queue does not exist.</summary>
    public const string SetPaused = "UPDATE queues SET paused = @paused, updated_at = now() WHERE name = @name RETURNING name";

    /// <summary>Locks a queue row for deletion; answers its active pool and how many items are claimed.</summary>
    public const string LockForDelete = """
        SELECT q.pool_task_id AS PoolTaskId,
               (SELECT count(*) FROM queue_items i WHERE i.queue = q.name AND i.state = 'claimed') AS Claimed
        FROM queues q WHERE q.name = @name FOR UPDATE
        """;

    /// <summary>Removes a queue with its credentials (items are removed by <see cref="QueueSql.DeleteItems"/> first).</summary>
    public const string Delete = """
        DELETE FROM queue_tokens WHERE queue = @name;
        DELETE FROM queues WHERE name = @name;
        """;

    /// <summary>
    /// What the spawner looks at: every queue with an active pool, and every unpaused queue whose wait is over (except
    /// queues of runtime <c>external</c>, whose runtimes run elsewhere), with
    /// its pool's task state and last attempt, and how many items are due (counted up to @cap).
    /// </summary>
    public const string SpawnerScan = """
        SELECT q.name AS Name, q.spec::text AS Spec, q.paused AS Paused, q.pool_task_id AS PoolTaskId,
               extract(epoch FROM now() - q.pool_started_at)::float8 AS PoolAgeSeconds, q.wait_kind AS WaitKind,
               t.state AS PoolState, a.exit_code AS ExitCode, a.failure_type AS FailureType,
               coalesce(t.reason, a.reason) AS PoolReason, p.parallelism AS Parallelism,
               (SELECT count(*) FROM (SELECT 1 FROM queue_items i
                    WHERE i.queue = q.name AND i.state = 'available' AND i.run_at <= now() LIMIT @cap) s) AS Due
        FROM queues q
        LEFT JOIN tasks t ON t.id = q.pool_task_id
        LEFT JOIN attempts a ON a.task_id = t.id AND a.attempt = t.attempt
        LEFT JOIN queue_pools p ON p.task_id = q.pool_task_id
        WHERE q.pool_task_id IS NOT NULL OR (NOT q.paused AND q.wait_until <= now() AND q.spec ->> 'runtime' <> 'external')
        ORDER BY q.name
        """;

    /// <summary>Records the new pool on its queue (after its task row was inserted in the same transaction); a compare-and-set on "no pool".</summary>
    public const string AttachPool = """
        INSERT INTO queue_pools (task_id, queue, parallelism) VALUES (@taskId, @name, @parallelism);
        UPDATE queues SET pool_task_id = @taskId, pool_started_at = now(), wait_kind = NULL, wait_reason = NULL
        WHERE name = @name AND pool_task_id IS NULL AND NOT paused;
        """;

    /// <summary>
    /// Detaches the pool @pool (null: none) and starts a wait of @seconds of kind @kind, fenced by the leader term.
    /// Answers the queue name when written.
    /// </summary>
    public const string RecordWait = """
        WITH fence AS (
            SELECT 1 FROM leader_leases WHERE name = @leaseName AND term = @term AND holder = @holder AND expires_at > now() FOR SHARE)
        UPDATE queues SET last_pool_task_id = coalesce(pool_task_id, last_pool_task_id), pool_task_id = NULL, pool_started_at = NULL,
                          wait_kind = @kind, wait_until = now() + make_interval(secs => @seconds), wait_reason = @reason
        WHERE name = @name AND pool_task_id IS NOT DISTINCT FROM @pool::uuid AND EXISTS (SELECT 1 FROM fence)
        RETURNING name
        """;

    /// <summary>
    /// Locks an idle queue row before recording "empty". FOR UPDATE conflicts with the KEY SHARE lock every enqueue
    /// holds, so in-flight enqueues commit first (and <see cref="HasDueItems"/>, a later statement, sees them) and later
    /// ones wait, then find the 'empty' wait and pull it to now: no enqueue is missed.
    /// </summary>
    public const string LockIdle = "SELECT 1 FROM queues WHERE name = @name AND pool_task_id IS NULL FOR UPDATE";

    /// <summary>True when the queue has a due, available item.</summary>
    public const string HasDueItems =
        "SELECT EXISTS (SELECT 1 FROM queue_items WHERE queue = @name AND state = 'available' AND run_at <= now())";

    /// <summary>Raises a running pool's target parallelism (never lowers it: idle processes exit by themselves), fenced.</summary>
    public const string Scale = """
        WITH fence AS (
            SELECT 1 FROM leader_leases WHERE name = @leaseName AND term = @term AND holder = @holder AND expires_at > now() FOR SHARE)
        UPDATE queue_pools SET parallelism = @parallelism
        WHERE task_id = @taskId AND parallelism < @parallelism AND EXISTS (SELECT 1 FROM fence)
        RETURNING parallelism
        """;

    /// <summary>What a pool attempt needs to start: its queue, target parallelism and the queue's definition.</summary>
    public const string PoolLaunch = """
        SELECT p.queue AS Queue, p.parallelism AS Parallelism, q.spec::text AS Spec
        FROM queue_pools p JOIN queues q ON q.name = p.queue WHERE p.task_id = @taskId
        """;

    /// <summary>A running pool's current target parallelism.</summary>
    public const string PoolParallelism = "SELECT parallelism FROM queue_pools WHERE task_id = @taskId";

    /// <summary>Stores a runtime credential (hashed).</summary>
    public const string InsertToken = """
        INSERT INTO queue_tokens (token_hash, queue, name, pool_task_id, attempt) VALUES (@hash, @queue, @name, @poolTaskId, @attempt)
        """;

    /// <summary>
    /// The queue a runtime credential is scoped to, and whether it is live: not revoked, and for a pool credential,
    /// its pool attempt still running.
    /// </summary>
    public const string FindToken = """
        SELECT c.queue AS Queue, c.pool_task_id AS PoolTaskId,
               (c.pool_task_id IS NULL OR (t.state IN ('Dispatching', 'Running') AND t.attempt = c.attempt)) AS Live
        FROM queue_tokens c LEFT JOIN tasks t ON t.id = c.pool_task_id
        WHERE c.token_hash = @hash AND c.revoked_at IS NULL
        """;
}
