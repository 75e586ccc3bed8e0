namespace Overseer.Api.Workflows;

/// <summary>Every statement of workflow runs, in one place. Progression runs inside the transaction that ended a task.</summary>
internal static class WorkflowSql
{
    public const string Terminal = "('Succeeded', 'Failed', 'TimedOut', 'Cancelled', 'Lost', 'Skipped')";

    public const string InsertWorkflow = """
        INSERT INTO workflows (id, name, kind, state, fail_fast, document, plan, retry_of)
        VALUES (@id, @name, @kind, 'Running', @failFast, @document::jsonb, @plan::jsonb, @retryOf)
        RETURNING created_at
        """;

    public const string InsertTasks = """
        WITH ins AS (
            INSERT INTO tasks (id, name, kind, state, spec, retries, workflow_id, node, trace_parent)
            SELECT x.id, x.name, 'node', x.state, x.spec::jsonb, x.retries, @workflowId, x.node, @traceParent
            FROM unnest(@ids::uuid[], @names::text[], @states::text[], @specs::text[], @retries::int[], @nodes::int[])
                 AS x(id, name, state, spec, retries, node)
            RETURNING id, state)
        INSERT INTO task_transitions (task_id, attempt, from_state, to_state, actor, reason)
        SELECT id, 0, NULL, state, 'api',
               CASE WHEN state = 'Queued' THEN 'submitted with workflow ' || @workflowName ELSE 'waiting for its dependencies' END
        FROM ins
        """;

    public const string InsertNodes = """
        INSERT INTO workflow_nodes (workflow_id, node, kind, task_id, waiting)
        SELECT @workflowId, x.node, x.kind, x.task_id, x.waiting
        FROM unnest(@nodes::int[], @kinds::text[], @taskIds::uuid[], @waiting::int[]) AS x(node, kind, task_id, waiting)
        """;

    public const string InsertEdges = """
        INSERT INTO workflow_edges (workflow_id, from_node, to_node)
        SELECT @workflowId, x.f, x.t FROM unnest(@froms::int[], @tos::int[]) AS x(f, t)
        """;

    public const string Wake = "SELECT pg_notify('overseer_work', '')";

    public const string LockWorkflows = "SELECT id, fail_fast FROM workflows WHERE id = ANY(@ids) ORDER BY id FOR UPDATE";

    public const string NodesOfTasks = "SELECT id, workflow_id, node FROM tasks WHERE id = ANY(@ids)";

    /// <summary>Counts down the nodes downstream of finished nodes; answers those changed.</summary>
    public const string CountDown = """
        WITH done AS (SELECT * FROM unnest(@workflows::uuid[], @nodes::int[]) AS d(workflow_id, node)),
        counts AS (
            SELECT e.workflow_id, e.to_node, count(*)::int AS n
            FROM workflow_edges e JOIN done d ON e.workflow_id = d.workflow_id AND e.from_node = d.node
            GROUP BY e.workflow_id, e.to_node)
        UPDATE workflow_nodes w SET waiting = w.waiting - c.n
        FROM counts c WHERE w.workflow_id = c.workflow_id AND w.node = c.to_node
        RETURNING w.workflow_id AS WorkflowId, w.node AS Node, w.kind AS Kind, w.waiting AS Waiting, w.task_id AS TaskId
        """;

    /// <summary>Pending -> Queued for nodes whose dependencies all succeeded.</summary>
    public const string Release = """
        WITH moved AS (
            UPDATE tasks SET state = 'Queued', run_after = now(), updated_at = now(), reason = 'dependencies succeeded'
            WHERE id = ANY(@ids) AND state = 'Pending'
            RETURNING id, attempt)
        INSERT INTO task_transitions (task_id, attempt, from_state, to_state, actor, reason)
        SELECT id, attempt, 'Pending', 'Queued', 'workflow', 'dependencies succeeded' FROM moved
        """;

    /// <summary>Pending -> Skipped for every node downstream of a failed one.</summary>
    public const string SkipDownstream = """
        WITH RECURSIVE down(node) AS (
            SELECT to_node FROM workflow_edges WHERE workflow_id = @workflowId AND from_node = @node
            UNION
            SELECT e.to_node FROM workflow_edges e JOIN down d ON e.workflow_id = @workflowId AND e.from_node = d.node),
        targets AS (
            SELECT n.task_id FROM workflow_nodes n JOIN down d ON n.workflow_id = @workflowId AND n.node = d.node
            WHERE n.kind = 'job' AND n.task_id IS NOT NULL),
        moved AS (
            UPDATE tasks t SET state = 'Skipped', updated_at = now(), finished_at = now(), reason = @reason
            FROM targets WHERE t.id = targets.task_id AND t.state = 'Pending'
            RETURNING t.id, t.attempt)
        INSERT INTO task_transitions (task_id, attempt, from_state, to_state, actor, reason)
        SELECT id, attempt, 'Pending', 'Skipped', 'workflow', @reason FROM moved
        """;

    /// <summary>Ends every not-started task of a run as @to (Cancelled for failFast, Skipped for a cancelled run) and asks running ones to stop.</summary>
    public const string StopAll = """
        WITH waiting AS (
            SELECT id, state FROM tasks WHERE workflow_id = @workflowId AND state IN ('Pending', 'Queued') FOR UPDATE),
        moved AS (
            UPDATE tasks t SET state = @to, cancel_requested_at = now(), finished_at = now(), updated_at = now(), reason = @reason
            FROM waiting WHERE t.id = waiting.id
            RETURNING t.id, t.attempt, waiting.state AS from_state),
        history AS (
            INSERT INTO task_transitions (task_id, attempt, from_state, to_state, actor, reason)
            SELECT id, attempt, from_state, @to, 'workflow', @reason FROM moved),
        running AS (
            UPDATE tasks SET cancel_requested_at = coalesce(cancel_requested_at, now()), updated_at = now(), reason = @reason
            WHERE workflow_id = @workflowId AND state IN ('Dispatching', 'Running')
            RETURNING id)
        SELECT (SELECT count(*) FROM moved) + (SELECT count(*) FROM (SELECT pg_notify('overseer_cancel', id::text) FROM running) n)
        """;

    /// <summary>Ends runs with no live task left.</summary>
    public const string Complete = $"""
        WITH s AS (
            SELECT w.id, count(*) FILTER (WHERE t.state NOT IN {Terminal}) AS live, bool_and(t.state = 'Succeeded') AS ok,
                   w.cancel_requested_at IS NOT NULL AS cancelled
            FROM workflows w JOIN tasks t ON t.workflow_id = w.id
            WHERE w.id = ANY(@ids) AND w.state = 'Running'
            GROUP BY w.id)
        UPDATE workflows w SET state = CASE WHEN s.ok THEN 'Succeeded' WHEN s.cancelled THEN 'Cancelled' ELSE 'Failed' END,
                               finished_at = now(), updated_at = now()
        FROM s WHERE w.id = s.id AND s.live = 0
        """;

    public const string SelectWorkflow = """
        SELECT id, name, kind, state, fail_fast, plan::text AS plan, created_at, finished_at, retry_of
        FROM workflows WHERE id = @id
        """;

    public const string SelectJobNodes = """
        SELECT n.node, n.task_id, t.state FROM workflow_nodes n LEFT JOIN tasks t ON t.id = n.task_id
        WHERE n.workflow_id = @id AND n.kind = 'job' ORDER BY n.node
        """;
}
