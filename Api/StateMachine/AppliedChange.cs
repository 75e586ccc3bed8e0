using Overseer.Contracts.Tasks;

namespace Overseer.Api.StateMachine;

/// <summary>What became of one <see cref="AttemptChange"/>.</summary>
/// <param name="Key">The attempt.</param>
/// <param name="Stale">True when the attempt was no longer the task's live attempt, so nothing was written (fencing).</param>
/// <param name="TaskState">The task's state after the change.</param>
/// <param name="Next">For an ended attempt: the decision taken.</param>
public sealed record AppliedChange(AttemptKey Key, bool Stale, TaskState? TaskState, NextStep? Next);
