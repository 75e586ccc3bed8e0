using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Overseer.AppHost.Publish.Values;

/// <summary><c>nodeSelector</c>, <c>tolerations</c> and <c>affinity</c> of one kind of pod, passed to Kubernetes as given.</summary>
internal sealed record PlacementOptions(IReadOnlyList<KeyValuePair<string, string>> NodeSelector, JsonArray Tolerations, JsonObject Affinity)
{
    /// <summary>No placement constraints.</summary>
    public static PlacementOptions None => new([], [], []);

    public static PlacementOptions Read(ValuesSection s) => new(
        s.StringMap("nodeSelector", Names.QualifiedKey),
        new JsonArray([.. s.List("tolerations", (path, node) => Toleration(path, node, s.Errors))]),
        ReadAffinity(s));

    public JsonObject? NodeSelectorJson() =>
        NodeSelector.Count == 0 ? null : new JsonObject(NodeSelector.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));

    private static JsonObject? Toleration(string path, YamlNode node, ValuesErrors errors)
    {
        if (ValuesSection.Item(path, node, errors) is not { } s)
        {
            return null;
        }
        var toleration = new JsonObject();
        Add(toleration, "key", s.String("key", "", Names.QualifiedKey));
        Add(toleration, "operator", s.Choice("operator", "", "Exists", "Equal"));
        Add(toleration, "value", s.String("value", ""));
        Add(toleration, "effect", s.Choice("effect", "", "NoSchedule", "PreferNoSchedule", "NoExecute"));
        if (s.Has("tolerationSeconds"))
        {
            toleration["tolerationSeconds"] = s.Int("tolerationSeconds", 0, 0, int.MaxValue);
        }
        return toleration;
    }

    /// <summary>A Kubernetes Affinity, passed through; only its three top-level keys are checked here.</summary>
    private static JsonObject ReadAffinity(ValuesSection s)
    {
        var given = s.Json("affinity");
        if (given is null)
        {
            return [];
        }
        if (given is not JsonObject affinity)
        {
            s.Error("affinity", "must be a mapping (a Kubernetes Affinity)");
            return [];
        }
        foreach (var (key, value) in affinity)
        {
            if (key is not ("nodeAffinity" or "podAffinity" or "podAntiAffinity"))
            {
                s.Errors.Add($"{s.KeyPath("affinity")}.{key}", "unknown key. Known keys here: nodeAffinity, podAffinity, podAntiAffinity.");
            }
            else if (value is not JsonObject)
            {
                s.Errors.Add($"{s.KeyPath("affinity")}.{key}", "must be a mapping");
            }
        }
        return affinity;
    }

    private static void Add(JsonObject target, string key, string value)
    {
        if (value.Length > 0)
        {
            target[key] = value;
        }
    }
}
