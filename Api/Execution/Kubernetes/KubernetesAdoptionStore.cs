using System.Text.Json;
using Dapper;
using Npgsql;
using Overseer.Api.Infrastructure;
using Overseer.Api.StateMachine;
using Overseer.Contracts.Json;

namespace Overseer.Api.Execution.Kubernetes;

/// <summary>Takes over a live attempt whose owner stopped heartbeating (compare-and-set on the expired deadline).</summary>
public sealed class KubernetesAdoptionStore(NpgsqlDataSource db, InstanceIdentity identity)
{
    private const string TakeOver = """
        UPDATE attempts a SET owner = @owner, heartbeat_deadline = now() + make_interval(secs => @ttlSeconds)
        FROM tasks t
        WHERE a.task_id = t.id AND a.task_id = @taskId AND a.attempt = @attempt
          AND a.state IN ('Dispatching', 'Running') AND a.heartbeat_deadline < now()
        RETURNING t.name AS Name, t.kind AS Kind, t.spec::text AS Spec, t.trace_parent AS TraceParent
        """;

    /// <summary>The attempt, now owned by this process; null when it is no longer expired or live.</summary>
    public async Task<ClaimedAttempt?> TakeOverAsync(AttemptKey key, TimeSpan heartbeatTimeout, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string? Name, string Kind, string Spec, string? TraceParent)>(new CommandDefinition(TakeOver,
            new { owner = identity.Id, ttlSeconds = heartbeatTimeout.TotalSeconds, taskId = key.TaskId, attempt = key.Attempt }, cancellationToken: ct));
        return row.Name is null ? null
            : new ClaimedAttempt(key, row.Name, row.Kind, JsonSerializer.Deserialize(row.Spec, ContractsJson.Lenient.TaskSpec)!, row.TraceParent);
    }
}
