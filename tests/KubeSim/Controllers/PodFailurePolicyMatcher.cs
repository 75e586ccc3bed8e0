using System.Text.Json.Nodes;
using Overseer.KubeSim.Api;

namespace Overseer.KubeSim.Controllers;

/// <summary>Evaluates a Job's <c>podFailurePolicy</c> rules, in order, against a failed pod.</summary>
public static class PodFailurePolicyMatcher
{
    /// <summary>The action of the first matching rule (<c>FailJob</c>, <c>Ignore</c>, <c>Count</c>) and the API server's message; null when none matches.</summary>
    public static (string Action, string Message)? Match(JsonNode? policy, JsonNode pod)
    {
        var rules = policy?["rules"] as JsonArray ?? [];
        var ns = SimJson.Str(pod["metadata"], "namespace");
        var name = SimJson.Str(pod["metadata"], "name");
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var action = SimJson.Str(rule, "action") ?? "Count";
            if (rule?["onExitCodes"] is JsonObject exitCodes)
            {
                var container = SimJson.Str(exitCodes, "containerName");
                var values = (exitCodes["values"] as JsonArray ?? []).Select(v => v?.GetValue<int>() ?? 0).ToHashSet();
                var @in = SimJson.Str(exitCodes, "operator") == "In";
                foreach (var status in Statuses(pod).Where(s => container is null || SimJson.Str(s, "name") == container))
                {
                    var code = (int?)SimJson.Int(status["state"]?["terminated"], "exitCode");
                    if (code is { } c and not 0 && values.Contains(c) == @in)
                    {
                        return (action, $"Container {SimJson.Str(status, "name")} for pod {ns}/{name} failed with exit code {c} matching {action} rule at index {i}");
                    }
                }
            }
            foreach (var pattern in rule?["onPodConditions"] as JsonArray ?? [])
            {
                var type = SimJson.Str(pattern, "type");
                var wanted = SimJson.Str(pattern, "status") ?? "True";
                if ((pod["status"]?["conditions"] as JsonArray ?? []).Any(c => SimJson.Str(c, "type") == type && SimJson.Str(c, "status") == wanted))
                {
                    return (action, $"Pod {ns}/{name} has condition {type} matching {action} rule at index {i}");
                }
            }
        }
        return null;
    }

    private static IEnumerable<JsonNode> Statuses(JsonNode pod) =>
        (pod["status"]?["containerStatuses"] as JsonArray ?? []).Concat(pod["status"]?["initContainerStatuses"] as JsonArray ?? [])
        .OfType<JsonNode>();
}
