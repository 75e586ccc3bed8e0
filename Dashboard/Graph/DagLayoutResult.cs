namespace Overseer.Dashboard.Graph;

/// <summary>A laid-out workflow: lanes (groups), nodes (jobs) and edges, in a <paramref name="Width"/> by <paramref name="Height"/> box.</summary>
public sealed record DagLayoutResult(double Width, double Height, IReadOnlyList<DagLane> Lanes, IReadOnlyList<DagNode> Nodes, IReadOnlyList<DagEdge> Edges);
