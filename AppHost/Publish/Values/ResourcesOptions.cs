using System.Text.Json;
using System.Text.Json.Nodes;

namespace Overseer.AppHost.Publish.Values;

/// <summary>
/// <c>*.resources</c>: requests and limits, merged over the component's defaults key by key (as Helm merges values);
/// a key set to null removes the default (e.g. <c>limits: {cpu: null}</c> for no CPU limit).
/// </summary>
internal sealed record ResourcesOptions(IReadOnlyDictionary<string, string> Requests, IReadOnlyDictionary<string, string> Limits)
{
    public static ResourcesOptions Read(ValuesSection parent, string key, ResourcesOptions defaults)
    {
        var s = parent.Section(key);
        var requests = Merge(s, "requests", defaults.Requests);
        var limits = Merge(s, "limits", defaults.Limits);
        foreach (var (name, request) in requests)
        {
            if (limits.TryGetValue(name, out var limit) && Quantity.Parse(request) > Quantity.Parse(limit))
            {
                s.Errors.Add($"{s.Path}.requests.{name}", $"{request} is more than limits.{name} ({limit})");
            }
        }
        return new(requests, limits);
    }

    public static ResourcesOptions Of(string requestCpu, string requestMemory, string limitCpu, string limitMemory) =>
        new(new Dictionary<string, string> { ["cpu"] = requestCpu, ["memory"] = requestMemory },
            new Dictionary<string, string> { ["cpu"] = limitCpu, ["memory"] = limitMemory });

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (Limits.Count > 0)
        {
            json["limits"] = new JsonObject(Limits.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        }
        if (Requests.Count > 0)
        {
            json["requests"] = new JsonObject(Requests.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        }
        return json;
    }

    private static Dictionary<string, string> Merge(ValuesSection s, string key, IReadOnlyDictionary<string, string> defaults)
    {
        var merged = new Dictionary<string, string>(defaults);
        var given = s.Json(key);
        if (given is null)
        {
            return merged;
        }
        if (given is not JsonObject entries)
        {
            s.Error(key, "must be a mapping of resource names to quantities");
            return merged;
        }
        foreach (var (name, value) in entries)
        {
            var path = $"{s.KeyPath(key)}.{name}";
            if (Names.QualifiedKey(name) is { } badName)
            {
                s.Errors.Add(path, badName);
                continue;
            }
            if (value is null)
            {
                merged.Remove(name);
                continue;
            }
            var text = value.GetValueKind() switch
            {
                JsonValueKind.Number => value.ToJsonString(),
                JsonValueKind.String => value.GetValue<string>(),
                _ => null,
            };
            if (text is null)
            {
                s.Errors.Add(path, "must be a quantity (examples: 250m, 0.5, 512Mi)");
                continue;
            }
            if (Quantity.Check(text) is { } problem)
            {
                s.Errors.Add(path, problem);
                continue;
            }
            merged[name] = text;
        }
        return merged;
    }
}
