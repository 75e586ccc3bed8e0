using Dapper;
using Npgsql;
using Overseer.Api.StateMachine;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Workflows;

/// <summary>
/// Moves workflow runs forward inside the transaction that ended their tasks: a success counts down its downstream
/// nodes (group gates included) and queues those with nothing left to wait for; a failure skips everything downstream
/// ("upstream group/job failed") and, with failFast, cancels the rest; a run ends as soon as nothing more can run.
/// </summary>
public sealed class WorkflowProgress : ITaskEndHook
{
    /// <inheritdoc />
    public async Task OnTasksEndedAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<EndedTask> ended, CancellationToken ct)
    {
        var workflowIds = ended.Select(e => e.WorkflowId).Distinct().ToArray();
        var failFast = (await connection.QueryAsync<(Guid Id, bool FailFast)>(new CommandDefinition(WorkflowSql.LockWorkflows,
            new { ids = workflowIds }, tx, cancellationToken: ct))).ToDictionary(w => w.Id, w => w.FailFast);
        var nodes = (await connection.QueryAsync<(Guid Id, Guid WorkflowId, int Node)>(new CommandDefinition(WorkflowSql.NodesOfTasks,
            new { ids = ended.Select(e => e.TaskId).ToArray() }, tx, cancellationToken: ct))).ToDictionary(n => n.Id);

        var succeeded = ended.Where(e => e.State == TaskState.Succeeded).Select(e => nodes[e.TaskId]).Select(n => (n.WorkflowId, n.Node)).ToList();
        var released = new List<Guid>();
        while (succeeded.Count > 0)
        {
            var changed = await connection.QueryAsync<(Guid WorkflowId, int Node, string Kind, int Waiting, Guid? TaskId)>(new CommandDefinition(
                WorkflowSql.CountDown, new { workflows = succeeded.Select(s => s.WorkflowId).ToArray(), nodes = succeeded.Select(s => s.Node).ToArray() },
                tx, cancellationToken: ct));
            succeeded = [];
            foreach (var node in changed.Where(c => c.Waiting == 0))
            {
                if (node.Kind == "gate")
                {
                    succeeded.Add((node.WorkflowId, node.Node));
                }
                else if (node.TaskId is { } task)
                {
                    released.Add(task);
                }
            }
        }
        if (released.Count > 0)
        {
            TaskTransitions.Ensure(TaskState.Pending, TaskState.Queued);
            await connection.ExecuteAsync(new CommandDefinition(WorkflowSql.Release, new { ids = released.ToArray() }, tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(WorkflowSql.Wake, transaction: tx, cancellationToken: ct));
        }

        foreach (var failed in ended.Where(e => e.State is not (TaskState.Succeeded or TaskState.Skipped)))
        {
            var node = nodes[failed.TaskId];
            var name = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "SELECT spec->'labels'->>'overseer.dev/group' || '/' || (spec->'labels'->>'overseer.dev/job') FROM tasks WHERE id = @id",
                new { id = failed.TaskId }, tx, cancellationToken: ct));
            TaskTransitions.Ensure(TaskState.Pending, TaskState.Skipped);
            await connection.ExecuteAsync(new CommandDefinition(WorkflowSql.SkipDownstream,
                new { workflowId = node.WorkflowId, node = node.Node, reason = $"upstream {name} {Describe(failed.State)}" }, tx, cancellationToken: ct));
            if (failed.State != TaskState.Cancelled && failFast.GetValueOrDefault(node.WorkflowId))
            {
                await StopAllAsync(connection, tx, node.WorkflowId, TaskState.Cancelled, $"failFast: {name} {Describe(failed.State)}", ct);
            }
        }
        await connection.ExecuteAsync(new CommandDefinition(WorkflowSql.Complete, new { ids = workflowIds }, tx, cancellationToken: ct));
    }

    /// <summary>Ends every not-started task of a run as <paramref name="to"/> and asks running ones to stop.</summary>
    internal static async Task StopAllAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid workflowId, TaskState to, string reason, CancellationToken ct)
    {
        TaskTransitions.Ensure(TaskState.Pending, to);
        TaskTransitions.Ensure(TaskState.Queued, to);
        await connection.ExecuteScalarAsync(new CommandDefinition(WorkflowSql.StopAll,
            new { workflowId, to = to.ToString(), reason }, tx, cancellationToken: ct));
    }

    private static string Describe(TaskState state) => state switch
    {
        TaskState.TimedOut => "timed out",
        TaskState.Cancelled => "was cancelled",
        TaskState.Lost => "was lost",
        _ => "failed",
    };
}
