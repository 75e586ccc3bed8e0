namespace Overseer.Api.Workflows.Compile;

/// <summary>A compiled group. <see cref="GateNode"/> is the virtual node that completes when all its jobs succeeded.</summary>
public sealed record PlanGroup(string Name, IReadOnlyList<string> DependsOn, IReadOnlyList<PlanJob> Jobs, int GateNode);
