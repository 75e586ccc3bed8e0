using Overseer.Dashboard.Api;
using Overseer.Dashboard.Security;

namespace Overseer.Dashboard.Actions;

/// <summary>Cancel a run, or retry its failed part as a new run.</summary>
internal static class WorkflowActions
{
    public static Task<IResult> CancelAsync(Guid id, ApiSession api, CurrentUser user, ILogger<ApiSession> logger) =>
        ActionOutcome.RunAsync($"/workflows/{id}", async () =>
        {
            await api.Client.CancelWorkflowAsync(id);
            DashboardLog.Action(logger, user.Name ?? "?", "cancel workflow", id.ToString());
            return ActionOutcome.Done($"/workflows/{id}", "workflow-cancelled");
        });

    public static Task<IResult> RetryAsync(Guid id, ApiSession api, CurrentUser user, ILogger<ApiSession> logger) =>
        ActionOutcome.RunAsync($"/workflows/{id}", async () =>
        {
            var run = await api.Client.RetryWorkflowAsync(id);
            DashboardLog.Action(logger, user.Name ?? "?", "retry workflow", id.ToString());
            return ActionOutcome.Done($"/workflows/{run.Id}", "workflow-retried");
        });
}
