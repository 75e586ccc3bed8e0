using System.Net;
using System.Text;
using System.Text.Json;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.Dashboard.Api;

namespace Overseer.Dashboard.Live;

/// <summary>
/// Tails a task's log as server-sent events while it runs. The client says how much it has (<c>offset</c>, in UTF-16
/// code units, as the page rendered it); every second the stored output of the latest attempt is read and what is new is
/// sent as <c>append</c>, or the whole text as <c>reset</c> when it no longer continues what was sent (a new attempt, or
/// the head trimmed past the size limit). <c>end</c> says the task finished; the stream then closes.
/// </summary>
internal static class LogStream
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxLength = TimeSpan.FromMinutes(30);

    public static async Task StreamAsync(Guid id, int? offset, ApiSession api, HttpContext http, TimeProvider time)
    {
        var ct = http.RequestAborted;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync("retry: 3000\n\n", ct);
        string? sent = null;
        var started = time.GetTimestamp();
        try
        {
            while (!ct.IsCancellationRequested && time.GetElapsedTime(started) < MaxLength)
            {
                var task = await api.Client.GetTaskAsync(id, ct);
                var text = task.Attempt == 0 ? "" : await ReadLogAsync(api.Client, id, ct);
                if (sent is null)
                {
                    var from = Math.Clamp(offset ?? 0, 0, int.MaxValue);
                    await (text.Length >= from ? SendAsync(http, "append", text[from..], ct) : SendAsync(http, "reset", text, ct));
                }
                else if (text.StartsWith(sent, StringComparison.Ordinal))
                {
                    await SendAsync(http, "append", text[sent.Length..], ct);
                }
                else
                {
                    await SendAsync(http, "reset", text, ct);
                }
                sent = text;
                if (task.State.IsTerminal())
                {
                    await SendAsync(http, "end", task.State.ToString(), ct, always: true);
                    return;
                }
                await Task.Delay(Poll, time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The browser went away.
        }
        catch (Exception e) when (e is OverseerApiException or HttpRequestException && !ct.IsCancellationRequested)
        {
            // Session ended, task gone, or the Api unreachable: the page shows what it has; a reload tries again.
            await SendAsync(http, "end", "unavailable", CancellationToken.None, always: true);
        }
    }

    private static async Task<string> ReadLogAsync(OverseerClient client, Guid id, CancellationToken ct)
    {
        try
        {
            return await client.GetLogsAsync(id, null, ct);
        }
        catch (OverseerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return "";
        }
    }

    private static async Task SendAsync(HttpContext http, string name, string data, CancellationToken ct, bool always = false)
    {
        if (data.Length == 0 && !always)
        {
            await http.Response.WriteAsync(": idle\n\n", ct);
        }
        else
        {
            // JSON keeps newlines and every other character intact inside one data line.
            var frame = new StringBuilder().Append("event: ").Append(name).Append("\ndata: ").Append(JsonSerializer.Serialize(data, LiveJson.Default.String)).Append("\n\n");
            await http.Response.WriteAsync(frame.ToString(), ct);
        }
        await http.Response.Body.FlushAsync(ct);
    }
}
