using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Overseer.KubeSim.Hosting;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Api;

/// <summary><c>pods/log</c>: container, tailLines, sinceSeconds, timestamps, previous, follow.</summary>
public sealed class PodLogApi(SimCluster cluster)
{
    /// <summary>Writes the log as text, following it when asked until the container's run ends.</summary>
    public async Task HandleAsync(HttpContext context, string ns, string name)
    {
        var pod = cluster.Store.Get(ResourceKinds.Pods, ns, name) ?? throw SimApiException.NotFound(ResourceKinds.Pods, name);
        var worker = cluster.Kubelet.Worker(pod.Uid);
        var query = context.Request.Query;
        var containers = (worker?.Containers ?? []).ToList();
        string? container = query["container"];
        var mains = containers.Where(c => !c.Init).Select(c => c.Name).ToList();
        if (string.IsNullOrEmpty(container))
        {
            if (mains.Count != 1)
            {
                var inits = containers.Where(c => c.Init).Select(c => c.Name).ToList();
                throw SimApiException.BadRequest($"a container name must be specified for pod {name}, choose one of: [{string.Join(' ', mains)}]"
                    + (inits.Count > 0 ? $" or one of the init containers: [{string.Join(' ', inits)}]" : ""));
            }
            container = mains[0];
        }
        if (worker is null)
        {
            throw SimApiException.BadRequest($"container \"{container}\" in pod \"{name}\" is waiting to start: ContainerCreating");
        }
        if (containers.All(c => c.Name != container))
        {
            throw SimApiException.BadRequest($"container {container} is not valid for pod {name}");
        }
        var previous = query["previous"] == "true";
        var log = worker.Log(container, previous) ?? throw SimApiException.BadRequest(previous
            ? $"previous terminated container \"{container}\" in pod \"{name}\" not found"
            : $"container \"{container}\" in pod \"{name}\" is waiting to start: PodInitializing");
        var timestamps = query["timestamps"] == "true";
        var follow = query["follow"] == "true";
        var tail = int.TryParse(query["tailLines"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : (int?)null;
        DateTimeOffset? since = long.TryParse(query["sinceSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            ? cluster.Store.Time.GetUtcNow().AddSeconds(-s)
            : null;

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        var (lines, completed, changed) = log.Read(0);
        var first = lines.Where(l => since is null || l.At >= since).ToList();
        if (tail is { } n)
        {
            first = first.Skip(Math.Max(0, first.Count - n)).ToList();
        }
        await WriteAsync(context, first, timestamps);
        var read = lines.Count;
        while (follow && !completed && !context.RequestAborted.IsCancellationRequested)
        {
            try
            {
                await changed.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            (lines, completed, changed) = log.Read(read);
            read += lines.Count;
            await WriteAsync(context, lines, timestamps);
        }
    }

    private static async Task WriteAsync(HttpContext context, List<(DateTimeOffset At, string Line)> lines, bool timestamps)
    {
        if (lines.Count == 0)
        {
            await context.Response.Body.FlushAsync(context.RequestAborted);
            return;
        }
        var text = new StringBuilder();
        foreach (var (at, line) in lines)
        {
            if (timestamps)
            {
                text.Append(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff00'Z'", CultureInfo.InvariantCulture)).Append(' ');
            }
            text.Append(line).Append('\n');
        }
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
