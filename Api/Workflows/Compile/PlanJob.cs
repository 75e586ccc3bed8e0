using Overseer.Contracts.Tasks;
using Overseer.Contracts.Workflows;

namespace Overseer.Api.Workflows.Compile;

/// <summary>A compiled job: its node number, dependencies, the task it becomes and its params with provenance.</summary>
public sealed record PlanJob(string Group, string Name, int Node, IReadOnlyList<string> DependsOn, TaskSpec Spec, CompiledParamsDto Params)
{
    /// <summary>The job's address in dependsOn lists: <c>group/job</c>.</summary>
    public string Address => $"{Group}/{Name}";
}
