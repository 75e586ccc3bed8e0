using Overseer.Contracts.Tasks;
using Overseer.Contracts.Workflows;

namespace Overseer.Dashboard.Tests.Components;

/// <summary>Workflow runs for component tests.</summary>
internal static class Samples
{
    /// <summary>
    /// extract (users, orders; parallel) → load (merge, then index after merge) → report (mail, waits for the load group),
    /// each job in the given states, with task ids.
    /// </summary>
    public static WorkflowDto Run(params TaskState[] states)
    {
        var s = states.Length == 5 ? states : [TaskState.Succeeded, TaskState.Succeeded, TaskState.Running, TaskState.Pending, TaskState.Pending];
        return new WorkflowDto(Guid.NewGuid(), "nightly", "Workflow", WorkflowState.Running, false, DateTimeOffset.UtcNow, null, null,
        [
            new WorkflowGroupDto("extract", [], WorkflowState.Succeeded, [Job("users", [], s[0]), Job("orders", [], s[1])]),
            new WorkflowGroupDto("load", ["extract"], WorkflowState.Running, [Job("merge", [], s[2]), Job("index", ["load/merge"], s[3])]),
            new WorkflowGroupDto("report", ["load"], WorkflowState.Pending, [Job("mail", [], s[4])]),
        ]);
    }

    public static WorkflowJobDto Job(string name, IReadOnlyList<string> dependsOn, TaskState state, bool withTask = true) =>
        new(name, dependsOn, state, withTask ? Guid.NewGuid() : null, null, ["true"], 0, 180, new CompiledParamsDto());
}
