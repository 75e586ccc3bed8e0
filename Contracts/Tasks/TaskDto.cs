namespace Overseer.Contracts.Tasks;

/// <summary>A task with its spec and every attempt, as returned by <c>GET /api/v1/tasks/{id}</c>.</summary>
/// <param name="Id">Task id (a time-ordered UUID).</param>
/// <param name="Name">Task name.</param>
/// <param name="State">Current state.</param>
/// <param name="Attempt">Number of the current (or last) attempt; 0 before the first.</param>
/// <param name="Spec">The submitted spec, with defaults filled in.</param>
/// <param name="CreatedAt">When the task was submitted.</param>
/// <param name="UpdatedAt">When its state last changed.</param>
/// <param name="FinishedAt">When it reached a terminal state.</param>
/// <param name="Reason">Why it is in its current state (from the last transition).</param>
/// <param name="CancelRequested">True once a cancel was asked for.</param>
/// <param name="RetryOf">The task this one re-runs, when created by a retry.</param>
/// <param name="WaitingReason">While not running: why not (schedule, backoff, concurrency, dependencies).</param>
/// <param name="Attempts">Every attempt, oldest first.</param>
/// <param name="Notices">What the user should know about how the task runs here, e.g. that the local executor does not use its image.</param>
public sealed record TaskDto(
    Guid Id,
    string Name,
    TaskState State,
    int Attempt,
    TaskSpec Spec,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    string? Reason,
    bool CancelRequested,
    Guid? RetryOf,
    string? WaitingReason,
    IReadOnlyList<AttemptDto> Attempts,
    IReadOnlyList<string>? Notices = null);
