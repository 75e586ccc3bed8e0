using System.Text.Json.Nodes;
using Overseer.Contracts.Validation;
using Overseer.Contracts.Workflows;

namespace Overseer.Api.Workflows.Compile;

/// <summary>
/// Merges params downward (workflow, group, job). List entries are keyed by name and the most specific level wins;
/// the compiled order lists the job's entries first, then what the group adds, then what the workflow adds (as the
/// operator prints it). Maps merge key by key (nothing is wiped). Scalars: the most specific level wins.
/// </summary>
public static class ParamsMerger
{
    /// <summary>Levels from most to least specific.</summary>
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
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var merged = new List<SourcedValue>();
        foreach (var (p, source) in levels)
        {
            foreach (var entry in p is null ? [] : select(p) ?? [])
            {
                if (key(entry) is { } k && seen.Add(k))
                {
                    merged.Add(new SourcedValue(k, value(entry)?.DeepClone(), source));
                }
            }
        }
        return merged;
    }

    private static IReadOnlyList<SourcedValue> MergeNames(IReadOnlyList<(ParamsDocument? Params, string Source)> levels, Func<ParamsDocument, List<string>?> select)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. levels.SelectMany(l => (l.Params is null ? null : select(l.Params))?.Select(n => (Name: n, l.Source)) ?? [])
            .Where(e => e.Name is not null && seen.Add(e.Name))
            .Select(e => new SourcedValue(e.Name, JsonValue.Create(e.Name), e.Source))];
    }

    private static IReadOnlyList<SourcedValue> MergeMap(IReadOnlyList<(ParamsDocument? Params, string Source)> levels, Func<ParamsDocument, Dictionary<string, string?>?> select)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. levels.SelectMany(l => (l.Params is null ? null : select(l.Params))?.Select(kv => (kv.Key, kv.Value, l.Source)) ?? [])
            .Where(e => seen.Add(e.Key))
            .Select(e => new SourcedValue(e.Key, JsonValue.Create(e.Value ?? ""), e.Source))];
    }

    private static SourcedValue? MergeScalar(IReadOnlyList<(ParamsDocument? Params, string Source)> levels, Func<ParamsDocument, string?> select)
    {
        foreach (var (p, source) in levels)
        {
            if (p is not null && select(p) is { } value)
            {
                return new SourcedValue(null, JsonValue.Create(value), source);
            }
        }
        return null;
    }

    private static IEnumerable<JsonObject>? Concat(List<JsonObject>? a, List<JsonObject>? b) => a is null ? b : b is null ? a : a.Concat(b);

    private static string? EnvKey(JsonObject entry) => entry["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonNode? EnvValue(JsonObject entry) => entry["valueFrom"] ?? entry["value"];

    private static string? SourceKey(JsonObject entry)
    {
        var reference = entry["configMapRef"]?["name"] ?? entry["secretRef"]?["name"];
        var kind = entry["configMapRef"] is not null ? "configMap" : entry["secretRef"] is not null ? "secret" : "source";
        return $"{kind}:{reference?.ToString() ?? entry.ToJsonString()}" + (entry["key"] is { } k ? $"/{k}" : "");
    }

    private static string? PullPolicy(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray { Count: 1 } a when a[0] is JsonValue v && v.TryGetValue<string>(out var s) => s,
        null => null,
        _ => "",
    };
}
