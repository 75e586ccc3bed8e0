using System.Text;
using Overseer.Dashboard.Api;

namespace Overseer.Dashboard.Live;

/// <summary>The full stored output of an attempt as a text file.</summary>
internal static class LogDownload
{
    public static async Task<IResult> GetAsync(Guid id, int? attempt, ApiSession api, HttpContext http, CancellationToken ct)
    {
        var text = await api.Client.GetLogsAsync(id, attempt is >= 1 ? attempt : null, ct);
        var name = $"task-{id}{(attempt is >= 1 ? $"-attempt-{attempt}" : "")}.log";
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", name);
    }
}
