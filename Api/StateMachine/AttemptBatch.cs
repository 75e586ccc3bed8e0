using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Overseer.Api.Tasks;
using Overseer.Contracts.Json;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.StateMachine;

/// <summary>
/// Applies attempt changes (started, ended, new output) for many tasks in one transaction: it locks the tasks
/// in id order, checks each attempt is still the live one (fencing), decides each ended attempt's next step with
/// <see cref="RetryPolicy"/>, checks every move against <see cref="TaskTransitions"/>, and writes attempts,
/// tasks, history and output with one statement each.
/// </summary>
public sealed class AttemptBatch(NpgsqlDataSource db, IOptions<TaskOptions> options, TimeProvider time, IEnumerable<ITaskEndHook> hooks)
{
    /// <summary>
    /// Applies <paramref name="changes"/> (one per attempt). Their "ago" durations count back from
    /// <paramref name="measuredAt"/> (a <see cref="TimeProvider"/> timestamp); they are re-based onto the transaction's
    /// <c>now()</c>, so stored times are database times, consistent with each other. With a <paramref name="fence"/>,
    /// nothing is written unless the leader term still holds.
    /// </summary>
    public async Task<IReadOnlyList<AppliedChange>> ApplyAsync(
        IReadOnlyList<AttemptChange> changes, string actor, LeaderFence? fence, CancellationToken ct, long? measuredAt = null)
    {
        if (changes.Count == 0)
        {
            return [];
        }
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // BEGIN goes out with the next statement, so the transaction's now() is (within a round trip) this moment.
        var shiftMs = measuredAt is { } at ? time.GetElapsedTime(at).TotalMilliseconds : 0;
        if (fence is not null && !await HoldsLeaseAsync(connection, tx, fence, ct))
        {
            throw new NotLeaderException(fence);
        }
        var locked = await LockAsync(connection, tx, changes.Select(c => c.Key.TaskId).Distinct().ToArray(), ct);
        var plan = new BatchPlan(actor, fence?.Term, shiftMs);
        var results = new List<AppliedChange>(changes.Count);
        foreach (var change in changes)
        {
            results.Add(plan.Add(change, locked.GetValueOrDefault(change.Key.TaskId), options.Value.InfrastructureRetries));
        }
        await using (var batch = plan.ToBatch(connection, tx))
        {
            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(ct);
            }
        }
        var ended = results.Where(r => !r.Stale && r.TaskState?.IsTerminal() == true && locked[r.Key.TaskId].WorkflowId is not null)
            .Select(r => new EndedTask(r.Key.TaskId, locked[r.Key.TaskId].WorkflowId!.Value, r.TaskState!.Value)).ToList();
        if (ended.Count > 0)
        {
            foreach (var hook in hooks)
            {
                await hook.OnTasksEndedAsync(connection, tx, ended, ct);
            }
        }
        await tx.CommitAsync(ct);
        return results;
    }

    private static async Task<bool> HoldsLeaseAsync(NpgsqlConnection connection, NpgsqlTransaction tx, LeaderFence fence, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(TaskSql.HoldsLease, connection, tx);
        cmd.Parameters.AddWithValue("name", fence.LeaseName);
        cmd.Parameters.AddWithValue("term", fence.Term);
        cmd.Parameters.AddWithValue("holder", fence.Holder);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    private static async Task<Dictionary<Guid, LockedTask>> LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid[] ids, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(TaskSql.LockTasks, connection, tx);
        cmd.Parameters.AddWithValue("ids", ids);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var locked = new Dictionary<Guid, LockedTask>(ids.Length);
        while (await reader.ReadAsync(ct))
        {
            var backoffJson = reader.IsDBNull(6) ? null : reader.GetString(6);
            var backoff = backoffJson is null ? null : JsonSerializer.Deserialize(backoffJson, ContractsJson.Lenient.BackoffSpec);
            var task = new LockedTask(reader.GetGuid(0), Enum.Parse<TaskState>(reader.GetString(1)), reader.GetInt32(2),
                reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), backoff ?? new BackoffSpec(), reader.GetBoolean(7),
                reader.IsDBNull(8) ? null : reader.GetGuid(8));
            locked[task.Id] = task;
        }
        return locked;
    }
}
