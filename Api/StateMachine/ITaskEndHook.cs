using Npgsql;

namespace Overseer.Api.StateMachine;

/// <summary>
/// Runs inside the transaction that ended some workflow tasks, so what follows from their ends (releasing or skipping
/// downstream nodes, ending the workflow) commits or rolls back with them: nothing is done twice or forgotten.
/// </summary>
public interface ITaskEndHook
{
    /// <summary>Reacts to <paramref name="ended"/> within <paramref name="tx"/>.</summary>
    Task OnTasksEndedAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<EndedTask> ended, CancellationToken ct);
}
