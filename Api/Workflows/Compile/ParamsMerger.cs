using System.Text.Json.Nodes;
using Overseer.Contracts.Validation;
using Overseer.Contracts.Workflows;

namespace Overseer.Api.Workflows.Compile;

/// <summary>
/// Merges params downward (workflow, group, job). Lists keep declaration order, as the operator's compileParameters
/// appends them (workflow, then group, then job), so <c>$(VAR)</c> in a specific level can use a general one; an entry
/// whose key was declared before replaces that entry's value in place, as Kubernetes keeps the last of duplicate env
/// names. env, volumes and volume mounts are keyed by name, envFrom by (source, prefix). Maps merge key by key
/// (nothing is wiped). Scalars and resources: the most specific level wins.
/// </summary>
public static class ParamsMerger
{
    /// <summary>Levels from least to most specific: workflow, group, job.</summary>
    public static CompiledParamsDto Merge(IReadOnlyList<(ParamsDocument? Params, string Source)> levels) => new()
    {
        Env = MergeList(levels, p => p.Env, EnvKey, EnvValue),
        EnvFrom = MergeList(levels, p => Concat(p.FromEnv, p.EnvFrom), SourceKey, o => o),
        Volumes = MergeList(levels, p => p.Volumes, o => o["name"]?.GetValue<string>(), o => o),
        VolumeMounts = MergeList(levels, p => Concat(p.VolumeMount, p.VolumeMounts), o => o["name"]?.GetValue<string>(), o => o),
        ImagePullSecrets = MergeNames(levels, p => p.ImagePullSecrets),
        Labels = MergeMap(levels, p => p.Labels),
        Annotations = MergeMap(levels, p => p.Annotations),
        ServiceAccount = MergeScalar(levels, p => p.ServiceAccount),
        RestartPolicy = MergeScalar(levels, p => p.RestartPolicy),
        ImagePullPolicy = MergeScalar(levels, p => PullPolicy(p.ImagePullPolicy)),
        Resources = MergeResources(levels),
    };

    /// <summary>Checks one level's params; problems are reported under <paramref name="path"/>.</summary>
    public static void Validate(ParamsDocument? p, string path, ValidationErrors errors)
    {
        if (p is null)
        {
            return;
        }
        var lists = new[] { (p.Env, "env"), (p.FromEnv, "fromEnv"), (p.EnvFrom, "envFrom"), (p.Volumes, "volumes"), (p.VolumeMount, "volumeMount"), (p.VolumeMounts, "volumeMounts") };
        foreach (var (list, field) in lists)
        {
            for (var i = 0; i < (list?.Count ?? 0); i++)
            {
                if (list![i] is null)
                {
                    errors.Add($"{path}.{field}[{i}]", "must be an object");
                }
            }
        }
        foreach (var (list, field) in new[] { (p.FromEnv, "fromEnv"), (p.EnvFrom, "envFrom") })
        {
            for (var i = 0; i < (list?.Count ?? 0); i++)
            {
                foreach (var reference in new[] { "configMapRef", "secretRef" })
                {
                    if (list![i]?[reference] is { } r and not JsonObject)
                    {
                        errors.Add($"{path}.{field}[{i}].{reference}", "must be an object");
                    }
                }
            }
        }
        for (var i = 0; i < (p.Env?.Count ?? 0); i++)
        {
            var entry = p.Env![i];
            if (entry is null)
            {
                continue;
            }
            var name = EnvKey(entry);
            if (name is null)
            {
                errors.Add($"{path}.env[{i}].name", "is required");
                continue;
            }
            if (EnvNames.Check(name) is { } problem)
            {
                errors.Add($"{path}.env[{i}].name", problem);
            }
            if (entry["value"] is not null && entry["valueFrom"] is not null)
            {
                errors.Add($"{path}.env[{i}]", "give value or valueFrom, not both");
            }
            if (entry["value"] is JsonValue v && v.TryGetValue<string>(out var s) && TextRules.Check(s, TaskSpecValidator.MaxStringLength) is { } bad)
            {
                errors.Add($"{path}.env[{i}].value", bad);
            }
        }
        foreach (var (list, field) in new[] { (p.Volumes, "volumes"), (p.VolumeMount, "volumeMount"), (p.VolumeMounts, "volumeMounts") })
        {
            for (var i = 0; i < (list?.Count ?? 0); i++)
            {
                if (list![i] is { } entry && (entry["name"] is not JsonValue n || !n.TryGetValue<string>(out var name) || name.Length == 0))
                {
                    errors.Add($"{path}.{field}[{i}].name", "is required");
                }
            }
        }
        for (var i = 0; i < (p.ImagePullSecrets?.Count ?? 0); i++)
        {
            if (PullSecretName(p.ImagePullSecrets![i]) is not { Length: > 0 })
            {
                errors.Add($"{path}.imagePullSecrets[{i}]", "must be {name: <secret>} or a secret's name");
            }
        }
        if (p.ImagePullPolicy is not null && PullPolicy(p.ImagePullPolicy) is not ("Always" or "IfNotPresent" or "Never"))
        {
            errors.Add($"{path}.imagePullPolicy", "must be Always, IfNotPresent or Never");
        }
        if (p.RestartPolicy is not null and not ("Never" or "OnFailure"))
        {
            errors.Add($"{path}.restartPolicy", "must be Never or OnFailure (a Job's pods cannot restart Always)");
        }
    }

    private static IReadOnlyList<SourcedValue> MergeList(IReadOnlyList<(ParamsDocument? Params, string Source)> levels,
        Func<ParamsDocument, IEnumerable<JsonObject>?> select, Func<JsonObject, string?> key, Func<JsonObject, JsonNode?> value)
    {
        var at = new Dictionary<string, int>(StringComparer.Ordinal);
        var merged = new List<SourcedValue>();
        foreach (var (p, source) in levels)
        {
            foreach (var entry in p is null ? [] : select(p) ?? [])
            {
                if (key(entry) is not { } k)
                {
                    continue;
                }
                Put(at, merged, k, new SourcedValue(k, value(entry)?.DeepClone(), source));
            }
        }
        return merged;
    }

    private static IReadOnlyList<SourcedValue> MergeNames(IReadOnlyList<(ParamsDocument? Params, string Source)> levels, Func<ParamsDocument, List<JsonNode>?> select)
    {
        var at = new Dictionary<string, int>(StringComparer.Ordinal);
        var merged = new List<SourcedValue>();
        foreach (var (name, source) in levels.SelectMany(l => (l.Params is null ? null : select(l.Params))?.Select(n => (Name: PullSecretName(n), l.Source)) ?? []))
        {
            if (name is not { Length: > 0 })
            {
                continue;
            }
            Put(at, merged, name, new SourcedValue(name, JsonValue.Create(name), source));
        }
        return merged;
    }

    /// <summary>A name keeps the position it was first declared at and takes the later, more specific value (as Kubernetes does).</summary>
    private static void Put(Dictionary<string, int> at, List<SourcedValue> merged, string name, SourcedValue value)
    {
        if (at.TryGetValue(name, out var i))
        {
            merged[i] = value;
        }
        else
        {
            at[name] = merged.Count;
            merged.Add(value);
        }
    }

    private static IReadOnlyList<SourcedValue> MergeMap(IReadOnlyList<(ParamsDocument? Params, string Source)> levels, Func<ParamsDocument, Dictionary<string, string?>?> select)
    {
        var merged = new Dictionary<string, SourcedValue>(StringComparer.Ordinal);
        foreach (var (key, value, source) in levels.SelectMany(l => (l.Params is null ? null : select(l.Params))?.Select(kv => (kv.Key, kv.Value, l.Source)) ?? []))
        {
            merged[key] = new SourcedValue(key, JsonValue.Create(value ?? ""), source);
        }
        return [.. merged.Values];
    }

    private static SourcedValue? MergeScalar(IReadOnlyList<(ParamsDocument? Params, string Source)> levels, Func<ParamsDocument, string?> select)
    {
        SourcedValue? merged = null;
        foreach (var (p, source) in levels)
        {
            if (p is not null && select(p) is { } value)
            {
                merged = new SourcedValue(null, JsonValue.Create(value), source);
            }
        }
        return merged;
    }

    private static SourcedValue? MergeResources(IReadOnlyList<(ParamsDocument? Params, string Source)> levels)
    {
        // The operator's compileParameters replaces the whole value at each level that sets it: no key-by-key merge.
        SourcedValue? merged = null;
        foreach (var (p, source) in levels)
        {
            if (p?.Resources is { } r)
            {
                merged = new SourcedValue(null, new JsonObject
                {
                    ["requests"] = new JsonObject([.. (r.Requests ?? new Dictionary<string, string>()).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]),
                    ["limits"] = new JsonObject([.. (r.Limits ?? new Dictionary<string, string>()).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]),
                }, source);
            }
        }
        return merged;
    }

    /// <summary>The CRD's <c>LocalObjectReference</c> (<c>{name: x}</c>) or a bare name.</summary>
    private static string? PullSecretName(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonObject o when o.Count == 1 && o["name"] is JsonValue v && v.TryGetValue<string>(out var s) => s,
        _ => null,
    };

    private static IEnumerable<JsonObject>? Concat(List<JsonObject>? a, List<JsonObject>? b) => a is null ? b : b is null ? a : a.Concat(b);

    private static string? EnvKey(JsonObject entry) => entry["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonNode? EnvValue(JsonObject entry) => entry["valueFrom"] ?? entry["value"];

    /// <summary>(source, prefix): the same ConfigMap under two prefixes is two sources, as Kubernetes reads them.</summary>
    private static string? SourceKey(JsonObject entry)
    {
        var reference = entry["configMapRef"]?["name"] ?? entry["secretRef"]?["name"];
        var kind = entry["configMapRef"] is not null ? "configMap" : entry["secretRef"] is not null ? "secret" : "source";
        return $"{kind}:{reference?.ToString() ?? entry.ToJsonString()}" + (entry["prefix"] is JsonValue p && p.TryGetValue<string>(out var prefix) ? $"|{prefix}" : "");
    }

    private static string? PullPolicy(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray { Count: 1 } a when a[0] is JsonValue v && v.TryGetValue<string>(out var s) => s,
        null => null,
        _ => "",
    };
}
