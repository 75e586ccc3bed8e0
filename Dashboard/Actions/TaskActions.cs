using System.Collections.Concurrent;
using System.Net;
using Overseer.Contracts.Client;
using Overseer.Dashboard.Account;
using Overseer.Dashboard.Api;
using Overseer.Dashboard.Security;

namespace Overseer.Dashboard.Actions;

/// <summary>Cancel and retry, one task or many. The operator policy guards the endpoints; the Api checks the session's scope again.</summary>
internal static class TaskActions
{
    /// <summary>Most tasks one bulk action takes.</summary>
    public const int MaxBulk = 500;

    public static Task<IResult> CancelAsync(Guid id, ApiSession api, CurrentUser user, ILogger<ApiSession> logger) =>
        ActionOutcome.RunAsync($"/tasks/{id}", async () =>
        {
            await api.Client.CancelTaskAsync(id);
            DashboardLog.Action(logger, user.Name ?? "?", "cancel task", id.ToString());
            return ActionOutcome.Done($"/tasks/{id}", "cancel-requested");
        });

    public static Task<IResult> RetryAsync(Guid id, ApiSession api, CurrentUser user, ILogger<ApiSession> logger) =>
        ActionOutcome.RunAsync($"/tasks/{id}", async () =>
        {
            var retried = await api.Client.RetryTaskAsync(id);
            DashboardLog.Action(logger, user.Name ?? "?", "retry task", id.ToString());
            return ActionOutcome.Done($"/tasks/{retried.Id}", "retried");
        });

    /// <summary>Applies cancel or retry to every selected task (four at a time) and reports how many were done, refused and failed.</summary>
    public static async Task<IResult> BulkAsync(IFormCollection form, ApiSession api, CurrentUser user, ILogger<ApiSession> logger, CancellationToken ct)
    {
        var back = LocalUrl.OrDefault(form["returnUrl"], "/tasks");
        var action = form["action"].ToString();
        var ids = form["ids"].Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().Take(MaxBulk).ToList();
        if (action is not ("cancel" or "retry"))
        {
            return ActionOutcome.Failed(back, "invalid");
        }
        if (ids.Count == 0)
        {
            return ActionOutcome.Failed(back, "none-selected");
        }
        var outcomes = new ConcurrentBag<HttpStatusCode?>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (id, token) =>
        {
            try
            {
                _ = action == "cancel" ? await api.Client.CancelTaskAsync(id, token) : await api.Client.RetryTaskAsync(id, token);
                outcomes.Add(null);
            }
            catch (OverseerApiException e) when (e.StatusCode != HttpStatusCode.Unauthorized)
            {
                outcomes.Add(e.StatusCode);
            }
        });
        var done = outcomes.Count(o => o is null);
        var refused = outcomes.Count(o => o is HttpStatusCode.Conflict);
        var failed = outcomes.Count - done - refused;
        DashboardLog.BulkAction(logger, user.Name ?? "?", action, ids.Count, done, refused, failed);
        return ActionOutcome.Done(back, "bulk", ("action", action), ("done", done.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("refused", refused.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("failed", failed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
