namespace Overseer.Contracts.Tasks;

/// <summary>One row of <c>GET /api/v1/tasks</c>.</summary>
/// <param name="Id">Task id.</param>
/// <param name="Name">Task name.</param>
/// <param name="State">Current state.</param>
/// <param name="Attempt">Number of the current (or last) attempt.</param>
/// <param name="CreatedAt">When the task was submitted.</param>
/// <param name="UpdatedAt">When its state last changed.</param>
/// <param name="FinishedAt">When it reached a terminal state.</param>
/// <param name="Reason">Why it is in its current state.</param>
public sealed record TaskSummaryDto(
    Guid Id,
    string Name,
    TaskState State,
    int Attempt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    string? Reason);
