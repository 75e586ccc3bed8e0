using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Overseer.KubeSim.Api;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Controllers;

/// <summary>Writes core/v1 Events about objects, as controllers and the kubelet do.</summary>
public sealed class EventRecorder(ObjectStore store)
{
    /// <summary>Records an event about <paramref name="involved"/> (a stored object's JSON).</summary>
    public void Record(ResourceKind kind, JsonNode involved, string type, string reason, string message, string component)
    {
        var meta = involved["metadata"];
        var ns = SimJson.Str(meta, "namespace") ?? "default";
        var name = SimJson.Str(meta, "name") ?? "";
        var now = store.Now();
        var suffix = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        var e = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = $"{name}.{suffix}", ["namespace"] = ns },
            ["involvedObject"] = new JsonObject
            {
                ["kind"] = kind.Kind,
                ["namespace"] = ns,
                ["name"] = name,
                ["uid"] = SimJson.Str(meta, "uid"),
                ["apiVersion"] = kind.ApiVersion,
                ["resourceVersion"] = SimJson.Str(meta, "resourceVersion"),
            },
            ["reason"] = reason,
            ["message"] = message,
            ["type"] = type,
            ["count"] = 1,
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["source"] = new JsonObject { ["component"] = component },
            ["reportingComponent"] = component,
            ["reportingInstance"] = component,
        };
        store.Create(ResourceKinds.Events, ns, e);
    }
}
