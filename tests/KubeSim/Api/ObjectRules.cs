using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Api;

/// <summary>Validation of created and replaced objects, with the API server's field paths and wording.</summary>
public static partial class ObjectRules
{
    private static readonly string[] JobRestartPolicies = ["OnFailure", "Never"];
    private static readonly string[] PodRestartPolicies = ["Always", "OnFailure", "Never"];
    private static readonly string[] FailureActions = ["Count", "FailIndex", "FailJob", "Ignore"];

    /// <summary>Throws a 422 listing every wrong field of <paramref name="obj"/>.</summary>
    public static void Validate(ResourceKind kind, JsonObject obj)
    {
        var errors = new FieldErrors();
        var meta = obj["metadata"] as JsonObject;
        var name = SimJson.Str(meta, "name");
        var generateName = SimJson.Str(meta, "generateName");
        if (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(generateName))
        {
            errors.Required("metadata.name", "name or generateName is required");
        }
        else if (!string.IsNullOrEmpty(name))
        {
            if (name.Length > 253 || !Subdomain().IsMatch(name))
            {
                errors.Invalid("metadata.name", name,
                    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");
            }
            else if (kind == ResourceKinds.Jobs && name.Length > 63)
            {
                errors.Invalid("metadata.name", name, "must be no more than 63 characters");
            }
        }
        foreach (var (key, value) in meta?["labels"] as JsonObject ?? [])
        {
            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (text is null || text.Length > 63 || !LabelValue().IsMatch(text))
            {
                errors.Invalid($"metadata.labels", value,
                    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
            }
            if (!LabelKey().IsMatch(key))
            {
                errors.Invalid("metadata.labels", key, "name part must consist of alphanumeric characters, '-', '_' or '.'");
            }
        }
        if (kind == ResourceKinds.Jobs)
        {
            Job(obj["spec"] as JsonObject, errors);
        }
        else if (kind == ResourceKinds.Pods)
        {
            Pod(obj["spec"] as JsonObject, "spec", PodRestartPolicies, errors);
        }
        else if (kind == ResourceKinds.Secrets)
        {
            SecretData(obj["data"] as JsonObject);
        }
        else if (kind == ResourceKinds.Leases && SimJson.Int(obj["spec"], "leaseDurationSeconds") is <= 0)
        {
            errors.Invalid("spec.leaseDurationSeconds", obj["spec"]!["leaseDurationSeconds"], "must be greater than 0");
        }
        if (!errors.IsEmpty)
        {
            throw errors.ToException(kind, name ?? generateName ?? "");
        }
    }

    /// <summary>A Secret's data is bytes: the API server cannot decode anything but base64 strings (a 400, before validation proper).</summary>
    private static void SecretData(JsonObject? data)
    {
        foreach (var (_, value) in data ?? [])
        {
            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
            if (!Convert.TryFromBase64String(text, new byte[text.Length], out _))
            {
                throw SimApiException.BadRequest("Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 0");
            }
        }
    }

    private static void Job(JsonObject? spec, FieldErrors errors)
    {
        if (spec is null)
        {
            errors.Required("spec");
            return;
        }
        foreach (var field in new[] { "parallelism", "completions", "backoffLimit", "ttlSecondsAfterFinished" })
        {
            if (SimJson.Int(spec, field) is < 0)
            {
                errors.Invalid($"spec.{field}", spec[field], "must be greater than or equal to 0");
            }
        }
        if (SimJson.Int(spec, "activeDeadlineSeconds") is <= 0)
        {
            errors.Invalid("spec.activeDeadlineSeconds", spec["activeDeadlineSeconds"], "must be greater than 0");
        }
        var podSpec = spec["template"]?["spec"] as JsonObject;
        Pod(podSpec, "spec.template.spec", JobRestartPolicies, errors);
        var replacement = SimJson.Str(spec, "podReplacementPolicy");
        if (replacement is not null and not ("TerminatingOrFailed" or "Failed"))
        {
            errors.NotSupported("spec.podReplacementPolicy", replacement, "Failed", "TerminatingOrFailed");
        }
        if (spec["podFailurePolicy"] is not JsonObject policy)
        {
            return;
        }
        var restart = SimJson.Str(podSpec, "restartPolicy");
        if (restart is not null and not "Never")
        {
            errors.Invalid("spec.template.spec.restartPolicy", restart, "only \"Never\" is supported when podFailurePolicy is specified");
        }
        if (replacement is not null and not "Failed")
        {
            errors.NotSupported("spec.podReplacementPolicy", replacement, "Failed");
        }
        var rules = policy["rules"] as JsonArray ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var path = $"spec.podFailurePolicy.rules[{i}]";
            var rule = rules[i] as JsonObject;
            var action = SimJson.Str(rule, "action");
            if (action is null || !FailureActions.Contains(action))
            {
                errors.NotSupported($"{path}.action", action, FailureActions);
            }
            var exitCodes = rule?["onExitCodes"] as JsonObject;
            var conditions = rule?["onPodConditions"] as JsonArray;
            if ((exitCodes is null) == (conditions is null))
            {
                errors.Invalid(path, null, "specifying one of OnExitCodes and OnPodConditions is required");
            }
            if (exitCodes is not null)
            {
                var op = SimJson.Str(exitCodes, "operator");
                if (op is not ("In" or "NotIn"))
                {
                    errors.NotSupported($"{path}.onExitCodes.operator", op, "In", "NotIn");
                }
                if (exitCodes["values"] is not JsonArray { Count: > 0 })
                {
                    errors.Required($"{path}.onExitCodes.values");
                }
            }
        }
    }

    private static void Pod(JsonObject? spec, string path, string[] restartPolicies, FieldErrors errors)
    {
        if (spec is null)
        {
            errors.Required(path);
            return;
        }
        var restart = SimJson.Str(spec, "restartPolicy");
        if (restart is null)
        {
            errors.Required($"{path}.restartPolicy");
        }
        else if (!restartPolicies.Contains(restart))
        {
            errors.NotSupported($"{path}.restartPolicy", restart, restartPolicies);
        }
        var volumes = (spec["volumes"] as JsonArray ?? []).Select(v => SimJson.Str(v, "name")).ToHashSet();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in new[] { "initContainers", "containers" })
        {
            var containers = spec[list] as JsonArray ?? [];
            if (list == "containers" && containers.Count == 0)
            {
                errors.Required($"{path}.containers");
            }
            for (var i = 0; i < containers.Count; i++)
            {
                Container(containers[i] as JsonObject, $"{path}.{list}[{i}]", list == "initContainers", names, volumes, errors);
            }
        }
    }

    private static void Container(JsonObject? container, string path, bool init, HashSet<string> names, HashSet<string?> volumes,
        FieldErrors errors)
    {
        var name = SimJson.Str(container, "name");
        if (string.IsNullOrEmpty(name))
        {
            errors.Required($"{path}.name");
        }
        else if (name.Length > 63 || !Label().IsMatch(name))
        {
            errors.Invalid($"{path}.name", name, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character");
        }
        else if (!names.Add(name))
        {
            errors.Duplicate($"{path}.name", name);
        }
        if (string.IsNullOrEmpty(SimJson.Str(container, "image")))
        {
            errors.Required($"{path}.image");
        }
        var restart = SimJson.Str(container, "restartPolicy");
        if (restart is not null && (!init || restart != "Always"))
        {
            errors.NotSupported($"{path}.restartPolicy", restart, init ? ["Always"] : []);
        }
        var env = container?["env"] as JsonArray ?? [];
        for (var i = 0; i < env.Count; i++)
        {
            var envName = SimJson.Str(env[i], "name");
            if (string.IsNullOrEmpty(envName))
            {
                errors.Required($"{path}.env[{i}].name");
            }
            else if (!EnvName().IsMatch(envName))
            {
                errors.Invalid($"{path}.env[{i}].name", envName, "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit");
            }
        }
        var mounts = container?["volumeMounts"] as JsonArray ?? [];
        for (var i = 0; i < mounts.Count; i++)
        {
            var volume = SimJson.Str(mounts[i], "name");
            if (!volumes.Contains(volume))
            {
                errors.NotFound($"{path}.volumeMounts[{i}].name", volume);
            }
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex LabelKey();

    [GeneratedRegex("^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    private static partial Regex EnvName();
}
