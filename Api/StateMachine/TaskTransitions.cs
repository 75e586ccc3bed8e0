using System.Collections.Frozen;
using Overseer.Contracts.Tasks;
using static Overseer.Contracts.Tasks.TaskState;

namespace Overseer.Api.StateMachine;

/// <summary>
/// The one table of allowed task state changes. Every write of <c>tasks.state</c> checks its move against it
/// (<see cref="Ensure"/>) and applies it as compare-and-set SQL, with a history row in the same transaction.
/// </summary>
public static class TaskTransitions
{
    /// <summary>Allowed (from, to) pairs. A submission is (null, Queued) or (null, Pending).</summary>
    public static readonly FrozenSet<(TaskState? From, TaskState To)> Allowed = new (TaskState?, TaskState)[]
    {
        (null, Queued), (null, Pending),
        (Pending, Queued), (Pending, Skipped), (Pending, Cancelled),
        (Queued, Dispatching), (Queued, Cancelled), (Queued, Skipped),
        // A fast attempt can end before its Running mark was written.
        (Dispatching, Running), (Dispatching, Succeeded), (Dispatching, Failed), (Dispatching, TimedOut),
        (Dispatching, Cancelled), (Dispatching, Lost), (Dispatching, Queued),
        (Running, Succeeded), (Running, Failed), (Running, TimedOut), (Running, Cancelled), (Running, Lost),
        // Retry: the attempt ended without success and budget remains.
        (Running, Queued),
    }.ToFrozenSet();

    /// <summary>True when a task may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowed(TaskState? from, TaskState to) => Allowed.Contains((from, to));

    /// <summary>States from which <paramref name="to"/> may be reached.</summary>
    public static IReadOnlyList<TaskState> SourcesOf(TaskState to) =>
        [.. Allowed.Where(t => t.To == to && t.From is not null).Select(t => t.From!.Value).Order()];

    /// <summary>Throws when a move is not in the table: a programming error, never a user error.</summary>
    public static void Ensure(TaskState? from, TaskState to)
    {
        if (!IsAllowed(from, to))
        {
            throw new InvalidOperationException($"Task transition {from?.ToString() ?? "(new)"} -> {to} is not in the transition table.");
        }
    }
}
