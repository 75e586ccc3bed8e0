using System.Text;
using System.Text.Json.Nodes;
using Overseer.KubeSim.Api;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Kubelet;

/// <summary>
/// The ConfigMaps and Secrets of a pod's namespace as its environment reads them (<c>envFrom</c>, <c>configMapKeyRef</c>,
/// <c>secretKeyRef</c>), with the kubelet's wording when one is missing: that error keeps the container in CreateContainerConfigError.
/// </summary>
public sealed class ConfigSources(Func<ResourceKind, string, JsonObject?> find, string ns)
{
    /// <summary>Every key of a ConfigMap or Secret (Secret values decoded); null and <paramref name="error"/> when it is missing and not optional.</summary>
    public IReadOnlyDictionary<string, string>? All(ResourceKind kind, JsonNode? reference, out string? error)
    {
        error = null;
        var name = SimJson.Str(reference, "name") ?? "";
        if (find(kind, name) is not { } source)
        {
            error = Optional(reference) ? null : NotFound(kind, name);
            return Optional(reference) ? new Dictionary<string, string>() : null;
        }
        return Data(kind, source);
    }

    /// <summary>One key of a ConfigMap or Secret; null when it is missing: <paramref name="error"/> says why unless the reference is optional.</summary>
    public string? Key(ResourceKind kind, JsonNode? reference, out string? error)
    {
        error = null;
        var name = SimJson.Str(reference, "name") ?? "";
        var key = SimJson.Str(reference, "key") ?? "";
        if (find(kind, name) is not { } source)
        {
            error = Optional(reference) ? null : NotFound(kind, name);
            return null;
        }
        if (Data(kind, source).TryGetValue(key, out var value))
        {
            return value;
        }
        error = Optional(reference) ? null : $"couldn't find key {key} in {kind.Kind} {ns}/{name}";
        return null;
    }

    private static Dictionary<string, string> Data(ResourceKind kind, JsonObject source)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in source["data"] as JsonObject ?? [])
        {
            var text = value?.GetValue<string>() ?? "";
            data[key] = kind == ResourceKinds.Secrets ? Encoding.UTF8.GetString(Convert.FromBase64String(text)) : text;
        }
        return data;
    }

    private static bool Optional(JsonNode? reference) => reference?["optional"]?.GetValue<bool>() == true;

    private static string NotFound(ResourceKind kind, string name) => $"{kind.Singular} \"{name}\" not found";
}
