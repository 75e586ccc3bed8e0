using System.Text.Json;
using Dapper;
using Npgsql;
using Overseer.Api.StateMachine;
using Overseer.Contracts.Json;

namespace Overseer.Api.Execution;

/// <summary>Claims due tasks for this process's executor (<see cref="TaskSql.Claim"/>).</summary>
public sealed class ClaimStore(NpgsqlDataSource db)
{
    /// <summary>Claims up to <paramref name="limit"/> due tasks: Queued -> Dispatching, each with a new attempt row.</summary>
    public async Task<IReadOnlyList<ClaimedAttempt>> ClaimAsync(int limit, string executor, string owner, TimeSpan heartbeatTimeout, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ClaimRow>(new CommandDefinition(TaskSql.Claim,
            new { limit, executor, owner, ttlSeconds = heartbeatTimeout.TotalSeconds }, cancellationToken: ct));
        return [.. rows.Select(r => new ClaimedAttempt(new AttemptKey(r.TaskId, r.Attempt), r.Name, r.Kind,
            JsonSerializer.Deserialize(r.Spec, ContractsJson.Lenient.TaskSpec)!, r.TraceParent))];
    }

    /// <summary>Time until the next Queued task is due (zero or negative: now); null when nothing is queued.</summary>
    public async Task<TimeSpan?> NextDueAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<TimeSpan?>(new CommandDefinition(TaskSql.NextDue, cancellationToken: ct));
    }

    private sealed class ClaimRow
    {
        public Guid TaskId { get; set; }
        public int Attempt { get; set; }
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Spec { get; set; } = "";
        public string? TraceParent { get; set; }
    }
}
