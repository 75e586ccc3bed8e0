using System.Globalization;
using System.Text.Json;
using Overseer.Contracts.Client;
using Overseer.Contracts.Queues;
using Overseer.Dashboard.Api;
using Overseer.Dashboard.Security;

namespace Overseer.Dashboard.Actions;

/// <summary>
/// A queue's operator actions: enqueue a test item, pause, resume, requeue a dead item. The operator policy guards the
/// endpoints; the Api checks the session's scope once more and validates the queue name and the item.
/// </summary>
internal static class QueueActions
{
    /// <summary>Largest payload the test-item form takes.</summary>
    public const int MaxPayloadChars = 64 * 1024;

    public static Task<IResult> EnqueueAsync(string name, IFormCollection form, ApiSession api, CurrentUser user, ILogger<ApiSession> logger)
    {
        var back = PageOf(name);
        var text = form["payload"].ToString();
        JsonElement payload;
        try
        {
            payload = text.Length is 0 or > MaxPayloadChars ? throw new JsonException() : JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return Task.FromResult(ActionOutcome.Failed(back, "invalid-json"));
        }
        var priority = form["priority"].ToString() is { Length: > 0 } p
            ? int.TryParse(p, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : (int?)null
            : 0;
        if (priority is null)
        {
            return Task.FromResult(ActionOutcome.Failed(back, "invalid"));
        }
        return ActionOutcome.RunAsync(back, async () =>
        {
            var id = await Queues(api).EnqueueAsync(name, new EnqueueItem { Payload = payload, Priority = priority });
            DashboardLog.Action(logger, user.Name ?? "?", "enqueue test item", $"{name}/{id}");
            return ActionOutcome.Done(back, "enqueued", ("item", id.ToString(CultureInfo.InvariantCulture)));
        });
    }

    public static Task<IResult> PauseAsync(string name, ApiSession api, CurrentUser user, ILogger<ApiSession> logger) =>
        ActionOutcome.RunAsync(PageOf(name), async () =>
        {
            await Queues(api).PauseAsync(name);
            DashboardLog.Action(logger, user.Name ?? "?", "pause queue", name);
            return ActionOutcome.Done(PageOf(name), "queue-paused");
        });

    public static Task<IResult> ResumeAsync(string name, ApiSession api, CurrentUser user, ILogger<ApiSession> logger) =>
        ActionOutcome.RunAsync(PageOf(name), async () =>
        {
            await Queues(api).ResumeAsync(name);
            DashboardLog.Action(logger, user.Name ?? "?", "resume queue", name);
            return ActionOutcome.Done(PageOf(name), "queue-resumed");
        });

    public static Task<IResult> RequeueAsync(string name, long id, ApiSession api, CurrentUser user, ILogger<ApiSession> logger) =>
        ActionOutcome.RunAsync(PageOf(name), async () =>
        {
            await Queues(api).RequeueAsync(name, id);
            DashboardLog.Action(logger, user.Name ?? "?", "requeue item", $"{name}/{id}");
            return ActionOutcome.Done(PageOf(name), "requeued", ("item", id.ToString(CultureInfo.InvariantCulture)));
        });

    private static QueuesClient Queues(ApiSession api) => new(api.Client.Http);

    private static string PageOf(string name) => $"/queues/{Uri.EscapeDataString(name)}";
}
