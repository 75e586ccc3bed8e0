namespace Overseer.Contracts.Queues;

/// <summary>What the spawner does for a queue, in words a dashboard can show (e.g. "waiting 15s after error").</summary>
/// <param name="State"><c>idle</c> (empty, checked again later), <c>starting</c>, <c>running</c>, <c>waiting</c> (after a pool ended), <c>paused</c> or <c>external</c> (runtimes run elsewhere).</param>
/// <param name="TaskId">The active pool task (a task of kind <c>pool</c>), if any.</param>
/// <param name="Parallelism">Processes the active pool runs or is growing to.</param>
/// <param name="Reason">Why no pool runs, or what the running one does.</param>
/// <param name="Until">When the current wait or check interval ends.</param>
/// <param name="LastPoolTaskId">The pool that ran before, if any.</param>
public sealed record QueuePoolDto(
    string State,
    Guid? TaskId,
    int? Parallelism,
    string Reason,
    DateTimeOffset? Until,
    Guid? LastPoolTaskId);
