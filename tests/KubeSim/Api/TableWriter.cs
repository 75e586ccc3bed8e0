using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Api;

/// <summary>Server-side printing (<c>meta.k8s.io/v1 Table</c>), which <c>kubectl get</c> asks for when no <c>-o</c> is given.</summary>
public static class TableWriter
{
    /// <summary>True when the client accepts a Table.</summary>
    public static bool Wants(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("as=Table", StringComparison.Ordinal));

    /// <summary>A Table of <paramref name="items"/>.</summary>
    public static JsonObject Table(ResourceKind kind, IEnumerable<StoredObject> items, long revision, string? continueToken, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var (columns, cells) = Columns(kind, now);
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var node = item.Node;
            rows.Add(new JsonObject
            {
                ["cells"] = new JsonArray([.. cells(node)]),
                ["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = node["metadata"]!.DeepClone(),
                },
            });
        }
        var meta = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) };
        if (continueToken is not null)
        {
            meta["continue"] = continueToken;
        }
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = meta,
            ["columnDefinitions"] = new JsonArray([.. columns.Select((c, i) => (JsonNode)new JsonObject
            {
                ["name"] = c,
                ["type"] = "string",
                ["format"] = i == 0 ? "name" : "",
                ["description"] = c,
                ["priority"] = 0,
            })]),
            ["rows"] = rows,
        };
    }

    private static (string[] Columns, Func<JsonNode, IEnumerable<JsonNode?>> Cells) Columns(ResourceKind kind, DateTimeOffset now)
    {
        string Name(JsonNode n) => SimJson.Str(n["metadata"], "name") ?? "";
        string Age(JsonNode n) => Duration(now, SimJson.Str(n["metadata"], "creationTimestamp"));
        if (kind == ResourceKinds.Pods)
        {
            return (["Name", "Ready", "Status", "Restarts", "Age"], n =>
            {
                var statuses = n["status"]?["containerStatuses"] as JsonArray ?? [];
                var total = (n["spec"]?["containers"] as JsonArray)?.Count ?? 0;
                var ready = statuses.Count(s => s?["ready"]?.GetValue<bool>() == true);
                var restarts = statuses.Sum(s => (int?)SimJson.Int(s, "restartCount") ?? 0);
                var terminated = statuses.Select(s => SimJson.Str(s?["state"]?["terminated"], "reason")).LastOrDefault(r => r is not null);
                var phase = n["metadata"]?["deletionTimestamp"] is not null ? "Terminating"
                    : SimJson.Str(n["status"], "reason") ?? terminated ?? SimJson.Str(n["status"], "phase") ?? "";
                return [Name(n), $"{ready}/{total}", phase, restarts, Age(n)];
            });
        }
        if (kind == ResourceKinds.Jobs)
        {
            return (["Name", "Status", "Completions", "Duration", "Age"], n =>
            {
                var conditions = n["status"]?["conditions"] as JsonArray ?? [];
                var status = conditions.Select(c => SimJson.Str(c, "type")).LastOrDefault(t => t is "Complete" or "Failed")
                    ?? (n["metadata"]?["deletionTimestamp"] is not null ? "Terminating" : "Running");
                var done = SimJson.Int(n["status"], "succeeded") ?? 0;
                var completions = SimJson.Int(n["spec"], "completions");
                var end = SimJson.Str(n["status"], "completionTime");
                var start = SimJson.Str(n["status"], "startTime");
                var duration = start is null ? "" : Duration(end is null ? now : DateTimeOffset.Parse(end, CultureInfo.InvariantCulture), start);
                return [Name(n), status, completions is null ? $"{done}/1 of 1" : $"{done}/{completions}", duration, Age(n)];
            });
        }
        if (kind == ResourceKinds.Events)
        {
            return (["Last Seen", "Type", "Reason", "Object", "Message"], n =>
            [
                Duration(now, SimJson.Str(n, "lastTimestamp") ?? SimJson.Str(n["metadata"], "creationTimestamp")),
                SimJson.Str(n, "type"),
                SimJson.Str(n, "reason"),
                $"{SimJson.Str(n["involvedObject"], "kind")?.ToLowerInvariant()}/{SimJson.Str(n["involvedObject"], "name")}",
                SimJson.Str(n, "message"),
            ]);
        }
        return (["Name", "Holder", "Age"], n => [Name(n), SimJson.Str(n["spec"], "holderIdentity") ?? "", Age(n)]);
    }

    private static string Duration(DateTimeOffset now, string? since)
    {
        if (since is null || !DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start))
        {
            return "<unknown>";
        }
        var d = now - start;
        return d.TotalSeconds < 120 ? $"{Math.Max(0, (int)d.TotalSeconds)}s"
            : d.TotalMinutes < 10 ? $"{(int)d.TotalMinutes}m{d.Seconds}s"
            : d.TotalHours < 3 ? $"{(int)d.TotalMinutes}m"
            : $"{(int)d.TotalHours}h";
    }
}
