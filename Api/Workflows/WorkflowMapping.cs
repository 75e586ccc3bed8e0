using Overseer.Api.Workflows.Compile;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Workflows;

namespace Overseer.Api.Workflows;

/// <summary>Plans and runs to the wire shape shared by the API and the dashboard.</summary>
internal static class WorkflowMapping
{
    /// <summary>The plan as a (dry-run) DTO: every node Pending, no task ids.</summary>
    public static WorkflowDto ToDto(this WorkflowPlan plan) => new(null, plan.Name, plan.Kind, WorkflowState.Pending, plan.FailFast, null, null, null,
        [.. plan.Groups.Select(g => new WorkflowGroupDto(g.Name, g.DependsOn, WorkflowState.Pending,
            [.. g.Jobs.Select(j => new WorkflowJobDto(j.Name, j.DependsOn, TaskState.Pending, null, j.Spec.Image,
                [.. j.Spec.Command, .. j.Spec.Args], j.Spec.Retries ?? 0, j.Spec.TimeoutSeconds ?? TaskSpec.DefaultTimeoutSeconds, j.Params,
                j.Spec.Name, j.Notes.Count > 0 ? j.Notes : null))]))]);

    /// <summary>A stored plan with the live state of each job filled in (jobs in node order).</summary>
    public static WorkflowDto WithRun(this WorkflowDto plan, Guid id, WorkflowState state, DateTimeOffset createdAt, DateTimeOffset? finishedAt,
        Guid? retryOf, IReadOnlyList<(Guid? TaskId, TaskState State)> jobs)
    {
        var node = 0;
        var groups = new List<WorkflowGroupDto>();
        foreach (var group in plan.Groups)
        {
            var live = group.Jobs.Select(j => j with { TaskId = jobs[node].TaskId, State = jobs[node++].State }).ToList();
            groups.Add(group with { Jobs = live, State = GroupState(live.Select(j => j.State).ToList()) });
        }
        return plan with { Id = id, State = state, CreatedAt = createdAt, FinishedAt = finishedAt, RetryOf = retryOf, Groups = groups };
    }

    /// <summary>A group's state from its jobs' states.</summary>
    public static WorkflowState GroupState(IReadOnlyList<TaskState> jobs)
    {
        if (jobs.All(s => s == TaskState.Succeeded))
        {
            return WorkflowState.Succeeded;
        }
        if (jobs.All(s => s.IsTerminal()))
        {
            return jobs.All(s => s == TaskState.Skipped) ? WorkflowState.Skipped
                : jobs.Any(s => s is TaskState.Failed or TaskState.TimedOut or TaskState.Lost) ? WorkflowState.Failed
                : WorkflowState.Cancelled;
        }
        return jobs.All(s => s == TaskState.Pending) ? WorkflowState.Pending : WorkflowState.Running;
    }
}
