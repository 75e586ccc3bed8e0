using Overseer.Chaos.Workload;

namespace Overseer.Chaos.Invariants;

/// <summary>What the checker needs besides the database.</summary>
/// <param name="Submitted">Every task an Api accepted.</param>
/// <param name="MarkerDir">Where runners wrote their markers.</param>
/// <param name="FaultedPids">Api processes the scenario killed, paused or crashed (their attempts may be Lost).</param>
/// <param name="InfrastructureRetries">The Api's infrastructure retry budget.</param>
/// <param name="DisturbedTasks">Tasks whose runner, pod or node the scenario killed (they may fail; their attempts may be Lost).</param>
public sealed record CheckInput(
    IReadOnlyList<SubmittedTask> Submitted, string MarkerDir, IReadOnlySet<int> FaultedPids, int InfrastructureRetries,
    IReadOnlySet<Guid> DisturbedTasks);
