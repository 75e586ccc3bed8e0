using Overseer.Api.StateMachine;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Execution;

/// <summary>An attempt the dispatcher claimed and hands to an executor.</summary>
/// <param name="Key">Task and attempt number.</param>
/// <param name="Name">Task name.</param>
/// <param name="Kind">Task kind (<c>task</c>, <c>pool</c>, <c>node</c>).</param>
/// <param name="Spec">The task's spec.</param>
/// <param name="TraceParent">W3C trace context of the submission.</param>
public sealed record ClaimedAttempt(AttemptKey Key, string Name, string Kind, TaskSpec Spec, string? TraceParent);
