using Microsoft.AspNetCore.Http.HttpResults;
using Overseer.Dashboard.Api;
using Overseer.Dashboard.Components.Shared;
using Overseer.Dashboard.Queues;
using Overseer.Dashboard.Security;

namespace Overseer.Dashboard.Live;

/// <summary>
/// The live parts: HTML fragments htmx polls (the same components the pages render), the log tail as server-sent
/// events, and the stored log as a download.
/// </summary>
public static class LiveEndpoints
{
    /// <summary>Maps <c>/live/…</c> and <c>/tasks/{id}/log.txt</c>.</summary>
    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        var live = app.MapGroup("/live").RequireAuthorization(Policies.Viewer);
        live.MapGet("/overview", OverviewAsync);
        live.MapGet("/tasks/{id:guid}", TaskAsync);
        live.MapGet("/workflows/{id:guid}", WorkflowAsync);
        live.MapGet("/tasks/{id:guid}/log", LogStream.StreamAsync);
        app.MapGet("/tasks/{id:guid}/log.txt", LogDownload.GetAsync).RequireAuthorization(Policies.Viewer);
        return app;
    }

    private static async Task<RazorComponentResult<OverviewLive>> OverviewAsync(ApiSession api, IQueueOverview queues, CancellationToken ct)
    {
        var stats = api.Client.GetStatsAsync(ct);
        var queue = queues.GetAsync(api.Client, ct);
        return new RazorComponentResult<OverviewLive>(new { Stats = await stats, Queues = await queue });
    }

    private static async Task<RazorComponentResult<TaskLive>> TaskAsync(Guid id, ApiSession api, CancellationToken ct)
    {
        var task = api.Client.GetTaskAsync(id, ct);
        var transitions = api.Client.GetTransitionsAsync(id, ct);
        return new RazorComponentResult<TaskLive>(new { Task = await task, Transitions = await transitions, Now = DateTimeOffset.UtcNow });
    }

    private static async Task<RazorComponentResult<WorkflowLive>> WorkflowAsync(Guid id, ApiSession api, CancellationToken ct) =>
        new(new { Run = await api.Client.GetWorkflowAsync(id, ct), Now = DateTimeOffset.UtcNow });
}
