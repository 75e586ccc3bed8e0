namespace Overseer.Contracts.Tasks;

/// <summary>Helpers over <see cref="TaskState"/>.</summary>
public static class TaskStates
{
    /// <summary>States a task never leaves.</summary>
    public static readonly IReadOnlySet<TaskState> Terminal = new HashSet<TaskState>
    {
        TaskState.Succeeded, TaskState.Failed, TaskState.TimedOut, TaskState.Cancelled, TaskState.Lost, TaskState.Skipped,
    };

    /// <summary>True for a state a task never leaves.</summary>
    public static bool IsTerminal(this TaskState state) => Terminal.Contains(state);
}
