using Overseer.Contracts.Tasks;

namespace Overseer.Dashboard.Queues;

/// <summary>A running runtime pool (a task of kind <c>pool</c>).</summary>
/// <param name="Queue">Queue it drains.</param>
/// <param name="TaskId">Its task.</param>
/// <param name="State">Its task's state.</param>
/// <param name="Parallelism">Pods it runs.</param>
public sealed record PoolSummary(string Queue, Guid TaskId, TaskState State, int Parallelism);
