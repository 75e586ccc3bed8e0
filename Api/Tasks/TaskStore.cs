using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using Overseer.Api.StateMachine;
using Overseer.Contracts.Json;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Tasks;

/// <summary>Reads and writes tasks for the HTTP API. State changes go through <see cref="TaskSql"/> and <see cref="TaskTransitions"/>.</summary>
public sealed class TaskStore(NpgsqlDataSource db, IEnumerable<ITaskEndHook> hooks)
{
    private const string SelectTask = """
        SELECT id, name, kind, state, spec::text AS spec, attempt, run_after, created_at, updated_at, finished_at, reason,
               cancel_requested_at, retry_of, now() AS db_now
        FROM tasks
        """;

    private const string SelectAttempts = """
        SELECT a.task_id, a.attempt, a.state, a.executor, a.created_at, a.started_at, a.finished_at, a.exit_code, a.failure_type, a.reason,
               a.log_bytes, a.log_truncated_bytes, a.waiting_reason,
               r.result::text AS result, (r.verified AND e.contested_at IS NULL) AS result_verified,
               (SELECT array_agg(f.path ORDER BY f.path) FROM attempt_files f WHERE f.task_id = a.task_id AND f.attempt = a.attempt) AS result_files
        FROM attempts a
        LEFT JOIN attempt_results r ON r.task_id = a.task_id AND r.attempt = a.attempt
        LEFT JOIN result_enrollments e ON e.task_id = a.task_id AND e.attempt = a.attempt
        WHERE a.task_id = @id ORDER BY a.attempt
        """;

    /// <summary>Stores a validated, normalized spec as a Queued task and wakes dispatchers; answers its id and creation time.</summary>
    public async Task<(Guid Id, DateTime CreatedAt)> SubmitAsync(TaskSpec spec, string actor, string traceParent, Guid? retryOf, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await db.OpenConnectionAsync(ct);
        var createdAt = await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition(TaskSql.Submit, new
        {
            id,
            name = spec.Name,
            kind = "task",
            spec = JsonSerializer.Serialize(spec, ContractsJson.Lenient.TaskSpec),
            retries = spec.Retries ?? 0,
            retryOf,
            traceParent,
            actor,
            reason = retryOf is null ? "submitted" : $"retry of {retryOf}",
        }, cancellationToken: ct));
        return (id, createdAt);
    }

    /// <summary>Gets a task with all its attempts, or null.</summary>
    internal async Task<(TaskRecord Task, IReadOnlyList<AttemptRecord> Attempts)?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var task = await connection.QuerySingleOrDefaultAsync<TaskRecord>(
            new CommandDefinition(SelectTask + " WHERE id = @id", new { id }, cancellationToken: ct));
        if (task is null)
        {
            return null;
        }
        var attempts = await connection.QueryAsync<AttemptRecord>(new CommandDefinition(SelectAttempts, new { id }, cancellationToken: ct));
        return (task, attempts.AsList());
    }

    /// <summary>Most tasks one request checks against <c>nameContains</c> and <c>label</c>, which no index serves.</summary>
    public const int ScanWindow = 25_000;

    /// <summary>
    /// Lists tasks newest first, keyset-paged on id (ids are time-ordered UUIDv7). Filters an index serves (state,
    /// name prefix, workflow, time range, cursor) narrow the rows first; <c>nameContains</c> and <c>label</c> are then
    /// checked over at most <see cref="ScanWindow"/> of them, so a search for something rare costs a bounded scan, not
    /// the whole history. <c>WindowEnd</c> is the oldest id of a full window: the next page continues below it.
    /// </summary>
    internal async Task<(IReadOnlyList<TaskRecord> Rows, Guid? WindowEnd)> ListAsync(TaskListQuery query, CancellationToken ct)
    {
        var indexed = new StringBuilder(" WHERE true");
        if (query.States.Count > 0)
        {
            indexed.Append(" AND state = ANY(@states)");
        }
        if (query.NamePrefix is not null)
        {
            indexed.Append(" AND name LIKE @pattern");
        }
        if (query.WorkflowId is not null)
        {
            indexed.Append(" AND workflow_id = @workflowId");
        }
        if (query.CreatedAfter is not null)
        {
            indexed.Append(" AND id >= @idFrom AND created_at >= @createdAfter");
        }
        if (query.CreatedBefore is not null)
        {
            indexed.Append(" AND id <= @idTo AND created_at < @createdBefore");
        }
        if (query.Cursor is not null)
        {
            indexed.Append(" AND id < @cursor");
        }
        var scan = new StringBuilder();
        if (query.NameContains is not null)
        {
            scan.Append(" AND name ILIKE @contains");
        }
        if (query.Labels.Count > 0)
        {
            scan.Append(" AND spec -> 'labels' @> @labels::jsonb");
        }
        var windowEnd = $"(SELECT id FROM tasks{indexed} ORDER BY id DESC OFFSET {ScanWindow - 1} LIMIT 1)";
        var sql = scan.Length == 0
            ? $"SELECT NULL::uuid; {SelectTask}{indexed} ORDER BY id DESC LIMIT @limit"
            : $"SELECT {windowEnd}; {SelectTask}{indexed}{scan} AND id >= coalesce({windowEnd}, '00000000-0000-0000-0000-000000000000') ORDER BY id DESC LIMIT @limit";
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, new
        {
            states = query.States.Select(s => s.ToString()).ToArray(),
            pattern = query.NamePrefix is null ? null : EscapeLike(query.NamePrefix) + "%",
            contains = query.NameContains is null ? null : "%" + EscapeLike(query.NameContains) + "%",
            labels = new System.Text.Json.Nodes.JsonObject(query.Labels.Select(l => KeyValuePair.Create(l.Key, (System.Text.Json.Nodes.JsonNode?)l.Value))).ToJsonString(),
            workflowId = query.WorkflowId,
            idFrom = query.CreatedAfter is { } after ? TaskIdBounds.Lowest(after) : Guid.Empty,
            createdAfter = query.CreatedAfter?.UtcDateTime,
            idTo = query.CreatedBefore is { } before ? TaskIdBounds.Highest(before) : Guid.Empty,
            createdBefore = query.CreatedBefore?.UtcDateTime,
            cursor = query.Cursor,
            limit = query.Limit + 1,
        }, cancellationToken: ct));
        var end = await results.ReadSingleAsync<Guid?>();
        return ((await results.ReadAsync<TaskRecord>()).AsList(), end);
    }

    /// <summary>Every state change of a task, oldest first; null when the task does not exist.</summary>
    internal async Task<IReadOnlyList<TransitionRecord>?> GetTransitionsAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<TransitionRecord>(new CommandDefinition("""
            SELECT id, attempt, from_state, to_state, at, actor, reason, leader_term
            FROM task_transitions WHERE task_id = @id ORDER BY id
            """, new { id }, cancellationToken: ct))).AsList();
        if (rows.Count == 0 && !await ExistsAsync(connection, id, ct))
        {
            return null;
        }
        return rows;
    }

    /// <summary>The stored output of one attempt (the latest when <paramref name="attempt"/> is null); null when there is no such attempt.</summary>
    internal async Task<string?> GetLogTextAsync(Guid id, int? attempt, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var head = await connection.QuerySingleOrDefaultAsync<(int Attempt, long Truncated)>(new CommandDefinition("""
            SELECT attempt, log_truncated_bytes FROM attempts
            WHERE task_id = @id AND (@attempt::int IS NULL OR attempt = @attempt)
            ORDER BY attempt DESC LIMIT 1
            """, new { id, attempt }, cancellationToken: ct));
        if (head.Attempt == 0)
        {
            return attempt is null && await ExistsAsync(connection, id, ct) ? "" : null;
        }
        var chunks = await connection.QueryAsync<(short Stream, byte[] Data)>(new CommandDefinition(
            "SELECT stream, data FROM task_logs WHERE task_id = @id AND attempt = @a ORDER BY seq",
            new { id, a = head.Attempt }, cancellationToken: ct));
        return LogText.Render(chunks, head.Truncated);
    }

    /// <summary>
    /// Cancels a task. Pending and Queued tasks become Cancelled at once; Dispatching and Running ones are marked and
    /// their executor stops them; terminal ones are left alone. Answers the state before, or null when absent.
    /// </summary>
    internal async Task<TaskState?> CancelAsync(Guid id, string actor, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string? State, int Attempt, Guid? WorkflowId)>(new CommandDefinition(
            "SELECT state, attempt, workflow_id FROM tasks WHERE id = @id FOR UPDATE", new { id }, tx, cancellationToken: ct));
        if (row.State is null)
        {
            return null;
        }
        var state = Enum.Parse<TaskState>(row.State);
        if (state is TaskState.Pending or TaskState.Queued)
        {
            TaskTransitions.Ensure(state, TaskState.Cancelled);
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE tasks SET state = 'Cancelled', cancel_requested_at = now(), finished_at = now(), updated_at = now(),
                                 reason = 'cancelled by ' || @actor
                WHERE id = @id AND state = @from;
                INSERT INTO task_transitions (task_id, attempt, from_state, to_state, actor, reason)
                VALUES (@id, @attempt, @from, 'Cancelled', @actor, 'cancelled by ' || @actor);
                """, new { id, actor, from = row.State, attempt = row.Attempt }, tx, cancellationToken: ct));
            if (row.WorkflowId is { } workflow)
            {
                foreach (var hook in hooks)
                {
                    await hook.OnTasksEndedAsync(connection, tx, [new EndedTask(id, workflow, TaskState.Cancelled)], ct);
                }
            }
        }
        else if (state is TaskState.Dispatching or TaskState.Running)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE tasks SET cancel_requested_at = coalesce(cancel_requested_at, now()), updated_at = now(),
                                 reason = 'cancel requested by ' || @actor
                WHERE id = @id;
                SELECT pg_notify('overseer_cancel', @id::text);
                """, new { id, actor }, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
        return state;
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, Guid id, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM tasks WHERE id = @id)", new { id }, cancellationToken: ct));

    private static string EscapeLike(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
