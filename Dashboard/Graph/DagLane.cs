using Overseer.Contracts.Workflows;

namespace Overseer.Dashboard.Graph;

/// <summary>A workflow group drawn as a horizontal lane holding its jobs.</summary>
/// <param name="Name">Group name.</param>
/// <param name="State">Group state.</param>
/// <param name="Y">Top of the lane.</param>
/// <param name="Height">Height of the lane.</param>
public sealed record DagLane(string Name, WorkflowState State, double Y, double Height);
