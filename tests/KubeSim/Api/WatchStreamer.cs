using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Overseer.KubeSim.Hosting;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Api;

/// <summary>
/// Streams a watch: one JSON event per line. Starts after <c>resourceVersion</c> (or with the current objects), sends
/// BOOKMARKs when allowed, ends after <c>timeoutSeconds</c>, and answers a too-old version with a 410 ERROR event, as the API
/// server does (HTTP 200, then the error in the stream).
/// </summary>
public sealed class WatchStreamer(SimCluster cluster)
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Serves a watch request until it ends or the client goes away.</summary>
    public async Task HandleAsync(HttpContext context, ApiRequest request)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"], request.Kind);
        string? version = query["resourceVersion"];
        long? from = null;
        if (!string.IsNullOrEmpty(version) && version != "0")
        {
            from = long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw SimApiException.BadRequest($"invalid resource version \"{version}\"");
        }
        var bookmarks = query["allowWatchBookmarks"] == "true";
        var timeout = long.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? TimeSpan.FromSeconds(t) : (TimeSpan?)null;

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        StoreWatch watch;
        try
        {
            watch = cluster.Store.Watch(request.Kind, request.Namespace, from, o => labels.Matches(o.Node) && fields.Matches(o.Node));
        }
        catch (SimApiException e) when (e.Code == 410)
        {
            await WriteErrorAsync(context, e);
            return;
        }
        using var _ = watch;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (timeout is { } limit)
        {
            stop.CancelAfter(limit);
        }
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        var bookmarker = bookmarks ? BookmarkAsync(watch, stop.Token) : Task.CompletedTask;
        try
        {
            await foreach (var item in watch.Items.Reader.ReadAllAsync(stop.Token))
            {
                if (item.End)
                {
                    if (item.Abort)
                    {
                        context.Abort();
                    }
                    else if (item.Gone)
                    {
                        await WriteErrorAsync(context, SimApiException.Gone(0, cluster.Store.Compacted));
                    }
                    break;
                }
                if (item.Type != "BOOKMARK" && cluster.Faults.WatchLag.TryGetValue(request.Kind.Plural, out var lag)
                    && lag - System.Diagnostics.Stopwatch.GetElapsedTime(item.QueuedAt) is { Ticks: > 0 } left)
                {
                    await Task.Delay(left, stop.Token);
                }
                await WriteEventAsync(context, request.Kind, item);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // timeoutSeconds passed, or the client left
        }
        await stop.CancelAsync();
        await bookmarker;
    }

    private async Task BookmarkAsync(StoreWatch watch, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(cluster.Options.BookmarkInterval, cluster.Store.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                cluster.Store.Bookmark(watch);
            }
        }
        catch (OperationCanceledException)
        {
            // watch ended
        }
    }

    private static async Task WriteEventAsync(HttpContext context, ResourceKind kind, WatchItem item)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", item.Type);
            writer.WritePropertyName("object");
            if (item.Object is { } obj)
            {
                writer.WriteRawValue(obj.Json, skipInputValidation: true);
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteString("kind", kind.Kind);
                writer.WriteString("apiVersion", kind.ApiVersion);
                writer.WriteStartObject("metadata");
                writer.WriteString("resourceVersion", item.Revision.ToString(CultureInfo.InvariantCulture));
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        buffer.Write(NewLine);
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static async Task WriteErrorAsync(HttpContext context, SimApiException error)
    {
        var status = SimJson.FailureStatus(error.Code, error.Reason, error.Message);
        var line = $"{{\"type\":\"ERROR\",\"object\":{status.ToJsonString()}}}\n";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
