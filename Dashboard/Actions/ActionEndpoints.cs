using Microsoft.AspNetCore.Antiforgery;
using Overseer.Dashboard.Security;

namespace Overseer.Dashboard.Actions;

/// <summary>
/// Every state-changing action is a form POST here: antiforgery token required, role policy on the endpoint (not only
/// on the page that shows the button), and the Api checks the user's session scope once more.
/// </summary>
public static class ActionEndpoints
{
    /// <summary>Maps the action endpoints under <c>/actions</c>.</summary>
    public static IEndpointRouteBuilder MapActionEndpoints(this IEndpointRouteBuilder app)
    {
        var operators = app.MapGroup("/actions").RequireAuthorization(Policies.Operator).WithMetadata(new RequireAntiforgeryTokenAttribute());
        operators.MapPost("/tasks/{id:guid}/cancel", TaskActions.CancelAsync);
        operators.MapPost("/tasks/{id:guid}/retry", TaskActions.RetryAsync);
        operators.MapPost("/tasks/bulk", TaskActions.BulkAsync);
        operators.MapPost("/workflows/{id:guid}/cancel", WorkflowActions.CancelAsync);
        operators.MapPost("/workflows/{id:guid}/retry", WorkflowActions.RetryAsync);
        operators.MapPost("/queues/{name}/items", QueueActions.EnqueueAsync);
        operators.MapPost("/queues/{name}/pause", QueueActions.PauseAsync);
        operators.MapPost("/queues/{name}/resume", QueueActions.ResumeAsync);
        operators.MapPost("/queues/{name}/items/{id:long}/requeue", QueueActions.RequeueAsync);

        var admins = app.MapGroup("/actions").RequireAuthorization(Policies.Admin).WithMetadata(new RequireAntiforgeryTokenAttribute());
        admins.MapPost("/users/{name}", AdminActions.UpdateUserAsync);
        admins.MapPost("/tokens/{id:guid}/revoke", AdminActions.RevokeTokenAsync);
        return app;
    }
}
