namespace Overseer.Chaos.Workload;

/// <summary>A task the Api accepted (it answered with its id).</summary>
public sealed record SubmittedTask(Guid Id, TaskKind Kind, int Retries);
