using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Overseer.KubeSim.Api;

namespace Overseer.KubeSim.Hosting;

/// <summary>
/// <c>/_sim/...</c>: request stats and log, and the fault switches (the same ones <see cref="SimCluster"/> offers in-process).
/// See docs/kubernetes-client.md for the list.
/// </summary>
public sealed class AdminApi(SimCluster cluster)
{
    /// <summary>Serves an admin request.</summary>
    public async Task HandleAsync(HttpContext context, string path)
    {
        var parts = path.Trim('/').Split('/')[1..];
        var method = context.Request.Method;
        JsonNode result = (method, parts) switch
        {
            ("GET", ["stats"]) => Stats(),
            ("GET", ["requests"]) => Requests(),
            ("POST", ["faults"]) => await SetFaultsAsync(context),
            ("DELETE", ["faults"]) => Reset(),
            ("POST", ["watches", "disconnect"]) => new JsonObject { ["ended"] = cluster.DisconnectWatches() },
            ("POST", ["watches", "gone"]) => new JsonObject { ["ended"] = cluster.ForceGone() },
            ("POST", ["node", "lost"]) => new JsonObject { ["pods"] = await cluster.LoseNodeAsync() },
            ("POST", ["pods", var ns, var name, var action]) => PodFault(context, ns, name, action),
            _ => throw new SimApiException(404, "NotFound", $"no such KubeSim admin endpoint: {method} {path}"),
        };
        await SimJson.WriteAsync(context, 200, result);
    }

    private JsonObject Stats()
    {
        var requests = new JsonArray();
        long total = 0;
        foreach (var ((verb, resource), count) in cluster.Stats.Counts().OrderBy(c => c.Key.Resource).ThenBy(c => c.Key.Verb))
        {
            requests.Add(new JsonObject { ["verb"] = verb, ["resource"] = resource, ["count"] = count });
            total += count;
        }
        return new JsonObject
        {
            ["total"] = total,
            ["requests"] = requests,
            ["openWatches"] = cluster.Store.WatchCount,
            ["resourceVersion"] = cluster.Store.Revision.ToString(CultureInfo.InvariantCulture),
        };
    }

    private JsonArray Requests() => new([.. cluster.Stats.Recent().Select(r => (JsonNode)new JsonObject
    {
        ["at"] = r.At.ToString("O", CultureInfo.InvariantCulture),
        ["method"] = r.Method,
        ["path"] = r.Path,
        ["verb"] = r.Verb,
        ["resource"] = r.Resource,
        ["user"] = r.User,
        ["code"] = r.Code,
    })]);

    private async Task<JsonObject> SetFaultsAsync(HttpContext context)
    {
        var body = await SimJson.ReadObjectAsync(context);
        var faults = cluster.Faults;
        if (body["tooManyRequestsRate"] is { } tooMany)
        {
            faults.TooManyRequestsRate = tooMany.GetValue<double>();
        }
        if (body["internalErrorRate"] is { } internalError)
        {
            faults.InternalErrorRate = internalError.GetValue<double>();
        }
        if (body["retryAfterSeconds"] is { } retryAfter)
        {
            faults.RetryAfterSeconds = retryAfter.GetValue<int>();
        }
        if (body["verbs"] is JsonArray verbs)
        {
            faults.Verbs = verbs.Select(v => v!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        }
        if (body["dropCreateResponses"] is { } drop)
        {
            faults.DropCreateResponses(drop.GetValue<int>());
        }
        if (body["failNext"] is JsonObject next)
        {
            faults.FailNext(next["count"]?.GetValue<int>() ?? 1, next["code"]?.GetValue<int>() ?? 500, next["retryAfterSeconds"]?.GetValue<int>());
        }
        return new JsonObject
        {
            ["tooManyRequestsRate"] = faults.TooManyRequestsRate,
            ["internalErrorRate"] = faults.InternalErrorRate,
            ["retryAfterSeconds"] = faults.RetryAfterSeconds,
        };
    }

    private JsonObject Reset()
    {
        cluster.Faults.Reset();
        return new JsonObject { ["reset"] = true };
    }

    private JsonObject PodFault(HttpContext context, string ns, string name, string action)
    {
        switch (action)
        {
            case "evict":
                cluster.EvictPod(ns, name);
                break;
            case "preempt":
                cluster.PreemptPod(ns, name);
                break;
            case "delete":
                cluster.DeletePod(ns, name);
                break;
            case "oom":
                if (!cluster.OomKill(ns, name, context.Request.Query["container"].FirstOrDefault()))
                {
                    throw SimApiException.BadRequest($"pod {ns}/{name} has no running container to OOM-kill");
                }
                break;
            default:
                throw new SimApiException(404, "NotFound", $"unknown pod fault '{action}' (evict, preempt, delete, oom)");
        }
        return new JsonObject { ["pod"] = $"{ns}/{name}", ["fault"] = action };
    }
}
