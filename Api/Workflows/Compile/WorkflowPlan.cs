namespace Overseer.Api.Workflows.Compile;

/// <summary>
/// A compiled workflow. Nodes 0..JobCount-1 are jobs (document order); the rest are group gates. Edges run from a
/// node to the nodes that wait for it; <see cref="Order"/> is a topological order of all nodes.
/// </summary>
public sealed record WorkflowPlan(
    string Name,
    string Kind,
    bool FailFast,
    IReadOnlyList<PlanGroup> Groups,
    int JobCount,
    IReadOnlyList<(int From, int To)> Edges,
    IReadOnlyList<int> Order)
{
    /// <summary>Every job, in node order.</summary>
    public IEnumerable<PlanJob> Jobs => Groups.SelectMany(g => g.Jobs);

    /// <summary>Total node count (jobs and gates).</summary>
    public int NodeCount => JobCount + Groups.Count;
}
