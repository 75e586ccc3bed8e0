using System.Text.Json.Nodes;

namespace Overseer.Testing.PodSecurity;

/// <summary>Finds the pod spec (and pod annotations) inside Pods, workload controllers and pod templates.</summary>
public static class PodSpecs
{
    /// <summary>The pod spec of <paramref name="obj"/> with its path, or null when the kind carries no pod.</summary>
    public static (JsonObject Spec, JsonObject? Annotations, string Path)? Find(JsonNode obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var kind = obj["kind"]?.GetValue<string>();
        return kind switch
        {
            "Pod" => At(obj, "spec", obj["metadata"]),
            "PodTemplate" => At(obj, "template.spec", obj["template"]?["metadata"]),
            "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet" or "Job" or "ReplicationController" =>
                At(obj, "spec.template.spec", obj["spec"]?["template"]?["metadata"]),
            "CronJob" => At(obj, "spec.jobTemplate.spec.template.spec", obj["spec"]?["jobTemplate"]?["spec"]?["template"]?["metadata"]),
            _ => null,
        };
    }

    private static (JsonObject, JsonObject?, string)? At(JsonNode obj, string path, JsonNode? metadata)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
        {
            node = node?[part];
        }
        return node is JsonObject spec ? (spec, metadata?["annotations"] as JsonObject, path) : null;
    }
}
