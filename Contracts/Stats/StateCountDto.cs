using Overseer.Contracts.Tasks;

namespace Overseer.Contracts.Stats;

/// <summary>How many tasks of a kind are in a state.</summary>
/// <param name="Kind"><c>task</c> (submitted directly), <c>node</c> (a workflow job) or <c>pool</c> (a queue's runtime pool).</param>
/// <param name="State">State.</param>
/// <param name="Count">Number of tasks.</param>
public sealed record StateCountDto(string Kind, TaskState State, long Count);
