using System.Text.Json.Nodes;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Api;

/// <summary>The discovery documents kubectl reads before anything else (the unaggregated kind, which kubectl falls back to).</summary>
public static class DiscoveryDocuments
{
    /// <summary>Subresources served, by resource.</summary>
    private static readonly Dictionary<string, (string Name, string[] Verbs)[]> Subresources = new()
    {
        ["pods"] = [("log", ["get"]), ("status", ["get"])],
        ["jobs"] = [("status", ["get"])],
    };

    /// <summary><c>/version</c>.</summary>
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-kubesim",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    /// <summary><c>/api</c>.</summary>
    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    /// <summary><c>/apis</c>.</summary>
    public static JsonObject Groups()
    {
        var groups = new JsonArray();
        foreach (var group in ResourceKinds.All.Where(r => r.Group.Length > 0).GroupBy(r => r.Group))
        {
            var gv = new JsonObject { ["groupVersion"] = group.First().ApiVersion, ["version"] = group.First().Version };
            groups.Add(new JsonObject
            {
                ["name"] = group.Key,
                ["versions"] = new JsonArray(gv),
                ["preferredVersion"] = gv.DeepClone(),
            });
        }
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    /// <summary><c>/api/v1</c> or <c>/apis/{group}/{version}</c>; null for an unknown group version.</summary>
    public static JsonObject? Resources(string group, string version)
    {
        var kinds = ResourceKinds.All.Where(r => r.Group == group && r.Version == version).ToList();
        if (kinds.Count == 0)
        {
            return null;
        }
        var resources = new JsonArray();
        foreach (var kind in kinds)
        {
            var resource = new JsonObject
            {
                ["name"] = kind.Plural,
                ["singularName"] = kind.Singular,
                ["namespaced"] = kind.Namespaced,
                ["kind"] = kind.Kind,
                ["verbs"] = new JsonArray([.. kind.Verbs.Select(v => (JsonNode)v)]),
            };
            if (kind.ShortNames.Length > 0)
            {
                resource["shortNames"] = new JsonArray([.. kind.ShortNames.Select(s => (JsonNode)s)]);
            }
            if (kind == ResourceKinds.Pods || kind == ResourceKinds.Jobs)
            {
                resource["categories"] = new JsonArray("all");
            }
            resources.Add(resource);
            foreach (var (name, verbs) in Subresources.GetValueOrDefault(kind.Plural) ?? [])
            {
                resources.Add(new JsonObject
                {
                    ["name"] = $"{kind.Plural}/{name}",
                    ["singularName"] = "",
                    ["namespaced"] = kind.Namespaced,
                    ["kind"] = kind.Kind,
                    ["verbs"] = new JsonArray([.. verbs.Select(v => (JsonNode)v)]),
                });
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = kinds[0].ApiVersion,
            ["resources"] = resources,
        };
    }
}
