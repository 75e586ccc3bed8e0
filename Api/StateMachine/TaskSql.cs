namespace Overseer.Api.StateMachine;

/// <summary>
/// Every SQL statement that changes a task's or an attempt's state, in one place. Each one is a
/// compare-and-set guarded by the current state, and writes its history rows in the same transaction.
/// </summary>
public static class TaskSql
{
    /// <summary>Channel dispatchers LISTEN on: work became claimable.</summary>
    public const string WorkChannel = "overseer_work";

    /// <summary>Channel executors LISTEN on: payload is the id of a task whose cancel was requested.</summary>
    public const string CancelChannel = "overseer_cancel";

    /// <summary>Submission: (new) -> Queued, with its history row, waking dispatchers.</summary>
    public const string Submit = """
        WITH ins AS (
            INSERT INTO tasks (id, name, kind, state, spec, retries, retry_of, trace_parent)
            VALUES (@id, @name, @kind, 'Queued', @spec::jsonb, @retries, @retryOf, @traceParent)
            RETURNING id, created_at),
        tr AS (
            INSERT INTO task_transitions (task_id, attempt, from_state, to_state, actor, reason)
            SELECT id, 0, NULL, 'Queued', @actor, @reason FROM ins)
        SELECT ins.created_at FROM ins, (SELECT pg_notify('overseer_work', '')) AS wake
        """;

    /// <summary>
    /// The claim: one statement moves up to @limit due tasks Queued -> Dispatching, opens their attempt and writes
    /// history. <c>FOR UPDATE SKIP LOCKED</c> on the partial index <c>tasks_claim (run_after, id) WHERE state = 'Queued'</c>,
    /// which matches the ORDER BY exactly.
    /// </summary>
    public const string Claim = """
        WITH picked AS (
            SELECT id FROM tasks
            WHERE state = 'Queued' AND run_after <= now()
            ORDER BY run_after, id
            LIMIT @limit
            FOR UPDATE SKIP LOCKED),
        moved AS (
            UPDATE tasks t SET state = 'Dispatching', attempt = t.attempt + 1, updated_at = now(), reason = 'starting'
            FROM picked WHERE t.id = picked.id
            RETURNING t.id, t.attempt, t.name, t.kind, t.spec::text AS spec, t.trace_parent),
        att AS (
            INSERT INTO attempts (task_id, attempt, state, executor, owner, heartbeat_deadline)
            SELECT id, attempt, 'Dispatching', @executor, @owner, now() + make_interval(secs => @ttlSeconds) FROM moved),
        tr AS (
            INSERT INTO task_transitions (task_id, attempt, from_state, to_state, actor, reason)
            SELECT id, attempt, 'Queued', 'Dispatching', 'dispatcher', 'claimed by ' || @owner FROM moved)
        SELECT id AS TaskId, attempt AS Attempt, name AS Name, kind AS Kind, spec AS Spec, trace_parent AS TraceParent FROM moved
        """;

    /// <summary>When the next Queued task becomes due (null when none is queued).</summary>
    public const string NextDue = "SELECT min(run_after) - now() FROM tasks WHERE state = 'Queued'";

    /// <summary>Locks the tasks of a batch, in id order so concurrent batches cannot deadlock.</summary>
    public const string LockTasks = """
        SELECT id AS Id, state AS State, attempt AS Attempt, retries AS Retries, app_failures AS AppFailures,
               infra_failures AS InfraFailures, (spec -> 'backoff')::text AS Backoff, cancel_requested_at IS NOT NULL AS CancelRequested,
               workflow_id AS WorkflowId
        FROM tasks WHERE id = ANY(@ids) ORDER BY id FOR UPDATE
        """;

    /// <summary>Fences a singleton's batch: the caller's leader term must still hold (row stays share-locked until commit).</summary>
    public const string HoldsLease = """
        SELECT 1 FROM leader_leases WHERE name = @name AND term = @term AND holder = @holder AND expires_at > now() FOR SHARE
        """;

    /// <summary>Appends output chunks of attempts.</summary>
    public const string InsertLogs = """
        INSERT INTO task_logs (task_id, attempt, seq, stream, at, data)
        SELECT x.task_id, x.attempt, x.seq, x.stream, now() - make_interval(secs => x.ago_ms / 1000.0), x.data
        FROM unnest(@taskIds::uuid[], @attempts::int[], @seqs::int[], @streams::smallint[], @agoMs::float8[], @data::bytea[])
             AS x(task_id, attempt, seq, stream, ago_ms, data)
        """;

    /// <summary>Drops the oldest output chunks of attempts past their size limit.</summary>
    public const string TrimLogs = """
        DELETE FROM task_logs l
        USING unnest(@taskIds::uuid[], @attempts::int[], @below::int[]) AS x(task_id, attempt, below)
        WHERE l.task_id = x.task_id AND l.attempt = x.attempt AND l.seq < x.below
        """;

    /// <summary>Applies attempt changes (Running, terminal, or output counters only). Null inputs keep the stored value.</summary>
    public const string UpdateAttempts = """
        UPDATE attempts a SET
            state = coalesce(x.state, a.state),
            started_at = coalesce(a.started_at, now() - make_interval(secs => x.started_ago / 1000.0)),
            pid = coalesce(x.pid, a.pid),
            finished_at = coalesce(a.finished_at, now() - make_interval(secs => x.finished_ago / 1000.0)),
            exit_code = coalesce(x.exit_code, a.exit_code),
            failure_type = coalesce(x.failure_type, a.failure_type),
            reason = coalesce(x.reason, a.reason),
            log_bytes = coalesce(x.log_bytes, a.log_bytes),
            log_truncated_bytes = coalesce(x.log_truncated, a.log_truncated_bytes),
            waiting_reason = CASE WHEN x.waiting IS NULL THEN a.waiting_reason WHEN x.waiting = '' THEN NULL ELSE x.waiting END
        FROM unnest(@taskIds::uuid[], @attempts::int[], @states::text[], @startedAgo::float8[], @pids::int[],
                    @finishedAgo::float8[], @exitCodes::int[], @failureTypes::text[], @reasons::text[],
                    @logBytes::bigint[], @logTruncated::bigint[], @waiting::text[])
             AS x(task_id, attempt, state, started_ago, pid, finished_ago, exit_code, failure_type, reason, log_bytes, log_truncated, waiting)
        WHERE a.task_id = x.task_id AND a.attempt = x.attempt AND a.state IN ('Dispatching', 'Running')
        """;

    /// <summary>Moves tasks to their next state (the caller holds their row locks and checked each move).</summary>
    public const string UpdateTasks = """
        UPDATE tasks t SET
            state = x.to_state,
            updated_at = now(),
            reason = x.reason,
            run_after = CASE WHEN x.to_state = 'Queued' THEN now() + make_interval(secs => x.delay_ms / 1000.0) ELSE t.run_after END,
            app_failures = x.app_failures,
            infra_failures = x.infra_failures,
            finished_at = CASE WHEN x.terminal THEN now() END
        FROM unnest(@ids::uuid[], @fromStates::text[], @toStates::text[], @reasons::text[], @delayMs::float8[],
                    @appFailures::int[], @infraFailures::int[], @terminal::bool[])
             AS x(id, from_state, to_state, reason, delay_ms, app_failures, infra_failures, terminal)
        WHERE t.id = x.id AND t.state = x.from_state
        """;

    /// <summary>Writes history rows, in the order given.</summary>
    public const string InsertTransitions = """
        INSERT INTO task_transitions (task_id, attempt, from_state, to_state, at, actor, reason, leader_term)
        SELECT x.task_id, x.attempt, x.from_state, x.to_state, now() - make_interval(secs => x.ago_ms / 1000.0),
               x.actor, x.reason, x.leader_term
        FROM unnest(@taskIds::uuid[], @attempts::int[], @fromStates::text[], @toStates::text[], @agoMs::float8[],
                    @actors::text[], @reasons::text[], @terms::bigint[]) WITH ORDINALITY
             AS x(task_id, attempt, from_state, to_state, ago_ms, actor, reason, leader_term, n)
        ORDER BY x.n
        """;

    /// <summary>Extends the heartbeat deadline of live attempts; answers those still live, and whether a cancel was requested.</summary>
    public const string Heartbeat = """
        WITH hb AS (
            UPDATE attempts a SET heartbeat_deadline = now() + make_interval(secs => @ttlSeconds)
            FROM unnest(@taskIds::uuid[], @attempts::int[]) AS x(task_id, attempt)
            WHERE a.task_id = x.task_id AND a.attempt = x.attempt AND a.state IN ('Dispatching', 'Running')
            RETURNING a.task_id, a.attempt)
        SELECT hb.task_id AS TaskId, hb.attempt AS Attempt, t.cancel_requested_at IS NOT NULL AS CancelRequested
        FROM hb JOIN tasks t ON t.id = hb.task_id
        """;

    /// <summary>Live attempts whose heartbeat deadline passed (index <c>attempts_live</c>).</summary>
    public const string ExpiredAttempts = """
        SELECT task_id AS TaskId, attempt AS Attempt, state AS State, executor AS Executor FROM attempts
        WHERE state IN ('Dispatching', 'Running') AND heartbeat_deadline < now()
        ORDER BY heartbeat_deadline
        LIMIT @limit
        """;

    /// <summary>Wakes dispatchers after work became claimable.</summary>
    public const string WakeDispatchers = "SELECT pg_notify('overseer_work', '')";
}
