namespace Overseer.Contracts.Tasks;

/// <summary>One recorded state change of a task.</summary>
/// <param name="Id">Sequence number (increasing).</param>
/// <param name="From">State before; null for the submission.</param>
/// <param name="To">State after.</param>
/// <param name="Attempt">Attempt the change belongs to (0 before the first).</param>
/// <param name="At">When it happened (database clock).</param>
/// <param name="Actor">Who made it: <c>api</c>, <c>dispatcher</c>, <c>executor</c>, <c>reaper</c>, a user.</param>
/// <param name="Reason">Why.</param>
/// <param name="LeaderTerm">The leader term of the singleton that made it, when one did.</param>
public sealed record TransitionDto(
    long Id,
    TaskState? From,
    TaskState To,
    int Attempt,
    DateTimeOffset At,
    string Actor,
    string? Reason,
    long? LeaderTerm);
