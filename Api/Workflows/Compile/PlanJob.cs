using Overseer.Contracts.Tasks;
using Overseer.Contracts.Workflows;

namespace Overseer.Api.Workflows.Compile;

/// <summary>
/// A compiled job: its node number, dependencies, the task it becomes and its params with provenance. <see cref="Group"/>
/// and <see cref="Name"/> are the names as written; <see cref="Notes"/> say which of them run under a derived name.
/// </summary>
public sealed record PlanJob(string Group, string Name, int Node, IReadOnlyList<string> DependsOn, TaskSpec Spec, CompiledParamsDto Params,
    IReadOnlyList<string> Notes)
{
    /// <summary>The job's address in dependsOn lists: <c>group/job</c>.</summary>
    public string Address => $"{Group}/{Name}";
}
