using System.Text.Json;
using Dapper;
using Npgsql;
using Overseer.Api.StateMachine;
using Overseer.Api.Workflows.Compile;
using Overseer.Contracts.Json;
using Overseer.Contracts.Paging;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Workflows;

namespace Overseer.Api.Workflows;

/// <summary>Stores workflow runs: one transaction writes the run, a task per job, the graph and its countdowns.</summary>
public sealed class WorkflowStore(NpgsqlDataSource db)
{
    /// <summary>
    /// Starts a run of <paramref name="plan"/>. Jobs listed in <paramref name="reused"/> (node to task) already succeeded
    /// in an earlier run: they count as done and get no new task. Answers the run id.
    /// </summary>
    public async Task<Guid> SubmitAsync(WorkflowPlan plan, string document, string traceParent, Guid? retryOf,
        IReadOnlyDictionary<int, Guid> reused, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var done = new bool[plan.NodeCount];
        foreach (var node in reused.Keys)
        {
            done[node] = true;
        }
        foreach (var group in plan.Groups)
        {
            done[group.GateNode] = group.Jobs.All(j => done[j.Node]);
        }
        var waiting = new int[plan.NodeCount];
        foreach (var (from, to) in plan.Edges.Where(e => !done[e.From]))
        {
            waiting[to]++;
        }
        var jobs = plan.Jobs.Where(j => !done[j.Node]).ToList();
        var taskIds = plan.Jobs.ToDictionary(j => j.Node, j => reused.TryGetValue(j.Node, out var old) ? old : Guid.CreateVersion7());

        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(WorkflowSql.InsertWorkflow, new
        {
            id,
            name = plan.Name,
            kind = plan.Kind,
            failFast = plan.FailFast,
            document,
            plan = JsonSerializer.Serialize(plan.ToDto(), ContractsJson.Lenient.WorkflowDto),
            retryOf,
        }, tx, cancellationToken: ct));
        foreach (var state in jobs.Select(j => waiting[j.Node] == 0 ? TaskState.Queued : TaskState.Pending).Distinct())
        {
            TaskTransitions.Ensure(null, state);
        }
        await connection.ExecuteAsync(new CommandDefinition(WorkflowSql.InsertTasks, new
        {
            workflowId = id,
            workflowName = plan.Name,
            traceParent,
            ids = jobs.Select(j => taskIds[j.Node]).ToArray(),
            names = jobs.Select(j => j.Spec.Name).ToArray(),
            states = jobs.Select(j => (waiting[j.Node] == 0 ? TaskState.Queued : TaskState.Pending).ToString()).ToArray(),
            specs = jobs.Select(j => JsonSerializer.Serialize(j.Spec, ContractsJson.Lenient.TaskSpec)).ToArray(),
            retries = jobs.Select(j => j.Spec.Retries ?? 0).ToArray(),
            nodes = jobs.Select(j => j.Node).ToArray(),
        }, tx, cancellationToken: ct));
        var allNodes = Enumerable.Range(0, plan.NodeCount).ToArray();
        await connection.ExecuteAsync(new CommandDefinition(WorkflowSql.InsertNodes, new
        {
            workflowId = id,
            nodes = allNodes,
            kinds = allNodes.Select(n => n < plan.JobCount ? "job" : "gate").ToArray(),
            taskIds = allNodes.Select(n => n < plan.JobCount ? taskIds[n] : (Guid?)null).ToArray(),
            waiting = allNodes.Select(n => done[n] ? 0 : waiting[n]).ToArray(),
        }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(WorkflowSql.InsertEdges, new
        {
            workflowId = id,
            froms = plan.Edges.Select(e => e.From).ToArray(),
            tos = plan.Edges.Select(e => e.To).ToArray(),
        }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(WorkflowSql.Wake, transaction: tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return id;
    }

    /// <summary>A run with the live state of every job, or null.</summary>
    public async Task<WorkflowDto?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var run = await connection.QuerySingleOrDefaultAsync<WorkflowRecord>(new CommandDefinition(WorkflowSql.SelectWorkflow, new { id }, cancellationToken: ct));
        if (run is null)
        {
            return null;
        }
        var jobs = (await connection.QueryAsync<(int Node, Guid? TaskId, string? State)>(new CommandDefinition(WorkflowSql.SelectJobNodes,
            new { id }, cancellationToken: ct))).Select(j => (j.TaskId, j.State is null ? TaskState.Pending : Enum.Parse<TaskState>(j.State))).ToList();
        var plan = JsonSerializer.Deserialize(run.Plan, ContractsJson.Lenient.WorkflowDto)!;
        return plan.WithRun(run.Id, Parse(run.State), Utc(run.CreatedAt), run.FinishedAt is null ? null : Utc(run.FinishedAt.Value), run.RetryOf, jobs);
    }

    /// <summary>The stored document and state of a run (for retries), or null.</summary>
    internal async Task<(string Document, WorkflowState State)?> GetDocumentAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string? Document, string State)>(new CommandDefinition(
            "SELECT document::text, state FROM workflows WHERE id = @id", new { id }, cancellationToken: ct));
        return row.Document is null ? null : (row.Document, Parse(row.State));
    }

    /// <summary>Runs, newest first, keyset-paged on id.</summary>
    public async Task<Page<WorkflowSummaryDto>> ListAsync(Guid? cursor, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<(Guid Id, string Name, string State, int Jobs, DateTime CreatedAt, DateTime? FinishedAt)>(new CommandDefinition("""
            SELECT w.id, w.name, w.state, (SELECT count(*) FROM workflow_nodes n WHERE n.workflow_id = w.id AND n.kind = 'job')::int,
                   w.created_at, w.finished_at
            FROM workflows w WHERE (@cursor::uuid IS NULL OR w.id < @cursor) ORDER BY w.id DESC LIMIT @limit
            """, new { cursor, limit = limit + 1 }, cancellationToken: ct))).AsList();
        var items = rows.Take(limit).Select(r => new WorkflowSummaryDto(r.Id, r.Name, Parse(r.State), r.Jobs, Utc(r.CreatedAt),
            r.FinishedAt is null ? null : Utc(r.FinishedAt.Value))).ToList();
        return new Page<WorkflowSummaryDto>(items, rows.Count > limit ? items[^1].Id.ToString() : null);
    }

    /// <summary>Cancels a run: not-started jobs are skipped, running ones stopped. Answers the state before, or null when absent.</summary>
    public async Task<WorkflowState?> CancelAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var state = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT state FROM workflows WHERE id = @id FOR UPDATE", new { id }, tx, cancellationToken: ct));
        if (state is null)
        {
            return null;
        }
        if (state == nameof(WorkflowState.Running))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE workflows SET cancel_requested_at = coalesce(cancel_requested_at, now()), updated_at = now() WHERE id = @id",
                new { id }, tx, cancellationToken: ct));
            await WorkflowProgress.StopAllAsync(connection, tx, id, TaskState.Skipped, "workflow cancelled", ct);
            await connection.ExecuteAsync(new CommandDefinition(WorkflowSql.Complete, new { ids = new[] { id } }, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
        return Parse(state);
    }

    /// <summary>Tasks of a run's jobs that succeeded, by node (for a retry of the rest).</summary>
    internal async Task<IReadOnlyDictionary<int, Guid>> SucceededNodesAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<(int Node, Guid TaskId)>(new CommandDefinition("""
            SELECT n.node, n.task_id FROM workflow_nodes n JOIN tasks t ON t.id = n.task_id
            WHERE n.workflow_id = @id AND t.state = 'Succeeded'
            """, new { id }, cancellationToken: ct))).ToDictionary(r => r.Node, r => r.TaskId);
    }

    private static WorkflowState Parse(string state) => Enum.Parse<WorkflowState>(state);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
