using System.Text.Json;
using Overseer.Api.Infrastructure.Http;
using Overseer.Contracts.Queues;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Validation;

namespace Overseer.Api.Queues;

/// <summary>
/// Converts job-chief's <c>jobs.json</c> (an array of jobs; comments and trailing commas allowed) into queue
/// definitions. Every field without an Overseer counterpart is reported, never dropped silently; every malformed
/// field is an error under its path (e.g. <c>[0].podConfig.parallelism</c>), and then nothing is imported.
/// </summary>
internal static class JobChiefImporter
{
    /// <summary>The variable job-chief sets to the queue's name in every pod (createJobSpec in src/k8s/utils.ts).</summary>
    private const string QueueNameVariable = "QUEUE_NAME";

    private static readonly string[] Durations =
    [
        "queueCheckInterval", "jobStartTimeout", "waitTimeAfterSuccessfulRun", "waitTimeAfterTimeout", "waitTimeAfterError", "waitTimeAfterFailedRun",
    ];

    private static readonly Dictionary<string, string> UnmappedPodFields = new(StringComparer.Ordinal)
    {
        ["injectPgConfig"] = "Overseer runtimes never get database access: they get a queue-scoped credential (OVERSEER_QUEUE_TOKEN) and use the claim protocol",
        ["configmaps"] = "Overseer has no access to ConfigMaps (namespace Jobs and Pods only); put the values in podConfig.env",
        ["secrets"] = "Overseer has no access to Secrets by design; put non-secret values in podConfig.env and mount secrets in the image's own way",
        ["liveness"] = "pool pods have no liveness probe; a stuck item is bounded by the queue's itemTimeout and lease",
        ["pullPolicy"] = "the image pull policy is not configurable yet (Kubernetes' default applies)",
    };

    /// <summary>Converts <paramref name="body"/>; <see cref="JobChiefImport.Errors"/> is empty when every job converted.</summary>
    public static JobChiefImport Convert(byte[] body)
    {
        var result = new JobChiefImport();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            result.Errors.Add("body", $"is not valid JSON (comments are allowed): {JsonErrors.Describe(e)}");
            return result;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                result.Errors.Add("body", "must be a JSON array of job-chief jobs (the jobs.json format)");
                return result;
            }
            if (JsonUnicode.FindInvalid(root) is { } invalid)
            {
                result.Errors.Add(invalid, JsonUnicode.Problem);
                return result;
            }
            if (root.GetArrayLength() == 0)
            {
                result.Errors.Add("body", "holds no jobs");
            }
            var names = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var job in root.EnumerateArray())
            {
                Job(job, $"[{index++}]", names, result);
            }
        }
        return result;
    }

    private static void Job(JsonElement job, string path, HashSet<string> names, JobChiefImport result)
    {
        var errors = result.Errors;
        if (job.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "must be a job object");
            return;
        }
        var spec = new QueueSpec { Runtime = QueueDefaults.CommandRuntime };
        string? name = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var before = errors.ToDictionary().Count;
        foreach (var field in job.EnumerateObject())
        {
            var at = $"{path}.{field.Name}";
            seen.Add(field.Name);
            switch (field.Name)
            {
                case "queueName":
                    name = Text(field.Value, at, errors);
                    break;
                case "podConfig":
                    spec = Pod(field.Value, at, spec, result);
                    break;
                case var d when Durations.Contains(d):
                    var text = Text(field.Value, at, errors);
                    spec = d switch
                    {
                        "queueCheckInterval" => spec with { QueueCheckInterval = text },
                        "jobStartTimeout" => spec with { JobStartTimeout = text },
                        "waitTimeAfterSuccessfulRun" => spec with { WaitTimeAfterSuccessfulRun = text },
                        "waitTimeAfterTimeout" => spec with { WaitTimeAfterTimeout = text },
                        "waitTimeAfterError" => spec with { WaitTimeAfterError = text },
                        _ => spec with { WaitTimeAfterFailedRun = text },
                    };
                    break;
                default:
                    result.Unmapped.Add(new UnmappedFieldDto(at, "not a job-chief job field; ignored"));
                    break;
            }
        }
        foreach (var required in Durations.Prepend("podConfig").Prepend("queueName").Where(r => !seen.Contains(r)))
        {
            errors.Add($"{path}.{required}", "is required (job-chief requires every job field)");
        }
        if (name is not null)
        {
            if (QueueSpecValidator.CheckName(name) is { } problem)
            {
                errors.Add($"{path}.queueName", $"'{name}' cannot be an Overseer queue name: it {problem}");
            }
            else if (!names.Add(name))
            {
                errors.Add($"{path}.queueName", $"'{name}' appears more than once");
            }
        }
        if (errors.ToDictionary().Count != before || name is null)
        {
            return;
        }
        // job-chief puts QUEUE_NAME before podConfig.env, so a podConfig.env entry of that name wins (Kubernetes keeps the last).
        if (!spec.Env.ContainsKey(QueueNameVariable))
        {
            spec = spec with { Env = new Dictionary<string, string>(spec.Env, StringComparer.Ordinal) { [QueueNameVariable] = name } };
        }
        var invalid = QueueSpecValidator.Validate(name, spec);
        foreach (var (field, messages) in invalid.ToDictionary())
        {
            foreach (var message in messages)
            {
                errors.Add(JobChiefPath(path, field), message);
            }
        }
        if (invalid.IsEmpty)
        {
            result.Queues.Add(new ImportedQueue(name, QueueSpecValidator.Normalize(spec)));
            result.Notes.Add($"{path} ({name}): job-chief pods drain the queue themselves, so it is imported with runtime 'command' " +
                "(the pool runs podConfig.command as the runtime). The program must speak Overseer's claim protocol " +
                "(docs/queue-protocol.md) instead of pg-boss; or set runtime 'worker' to run the command once per item.");
            if (spec.Command.Count == 0)
            {
                result.Notes.Add($"{path} ({name}): podConfig has no command, so the pool pods run the image's own entrypoint" +
                    (spec.Args.Count > 0 ? " with podConfig.args" : "") + ", as job-chief's do; on the local executor, which has no container runtime, " +
                    (spec.Args.Count > 0 ? "args[0] is the program." : "the pool cannot start."));
            }
        }
    }

    private static QueueSpec Pod(JsonElement pod, string path, QueueSpec spec, JobChiefImport result)
    {
        var errors = result.Errors;
        if (pod.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "must be an object");
            return spec;
        }
        foreach (var field in pod.EnumerateObject())
        {
            var at = $"{path}.{field.Name}";
            switch (field.Name)
            {
                case "parallelism":
                    if (field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetInt32(out var parallelism))
                    {
                        spec = spec with { Parallelism = parallelism };
                    }
                    else
                    {
                        errors.Add(at, "must be a whole number");
                    }
                    break;
                case "image":
                    spec = spec with { Image = Text(field.Value, at, errors) };
                    break;
                case "command":
                    spec = spec with { Command = Texts(field.Value, at, errors) };
                    break;
                case "args":
                    spec = spec with { Args = Texts(field.Value, at, errors) };
                    break;
                case "env":
                    spec = spec with { Env = Env(field.Value, at, result) };
                    break;
                case "resources":
                    spec = spec with { Resources = Resources(field.Value, at, result) };
                    break;
                case "annotations":
                    spec = spec with { Annotations = Annotations(field.Value, at, errors) };
                    break;
                case var known when UnmappedPodFields.TryGetValue(known, out var reason):
                    result.Unmapped.Add(new UnmappedFieldDto(at, reason));
                    break;
                default:
                    result.Unmapped.Add(new UnmappedFieldDto(at, "not a job-chief podConfig field; ignored"));
                    break;
            }
        }
        return spec;
    }

    private static Dictionary<string, string> Annotations(JsonElement annotations, string path, ValidationErrors errors)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (annotations.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "must be an object of strings, e.g. { \"prometheus.io/scrape\": \"true\" }");
            return map;
        }
        foreach (var field in annotations.EnumerateObject())
        {
            if (Text(field.Value, $"{path}.{field.Name}", errors) is { } value)
            {
                map[field.Name] = value;
            }
        }
        return map;
    }

    private static Dictionary<string, string> Env(JsonElement env, string path, JobChiefImport result)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (env.ValueKind != JsonValueKind.Array)
        {
            result.Errors.Add(path, "must be an array of { \"name\": ..., \"value\": ... }");
            return map;
        }
        var i = 0;
        foreach (var entry in env.EnumerateArray())
        {
            var at = $"{path}[{i++}]";
            if (entry.ValueKind != JsonValueKind.Object)
            {
                result.Errors.Add(at, "must be an object with name and value");
                continue;
            }
            string? name = null;
            string? value = null;
            foreach (var field in entry.EnumerateObject())
            {
                switch (field.Name)
                {
                    case "name":
                        name = Text(field.Value, $"{at}.name", result.Errors);
                        break;
                    case "value":
                        value = Text(field.Value, $"{at}.value", result.Errors);
                        break;
                    default:
                        result.Unmapped.Add(new UnmappedFieldDto($"{at}.{field.Name}",
                            "only literal values are supported; the variable is left out unless it also has a value"));
                        break;
                }
            }
            if (name is null)
            {
                result.Errors.Add($"{at}.name", "is required");
            }
            else if (value is not null && !map.TryAdd(name, value))
            {
                result.Errors.Add($"{at}.name", $"'{name}' is set more than once");
            }
        }
        return map;
    }

    private static ResourceSpec? Resources(JsonElement resources, string path, JobChiefImport result)
    {
        if (resources.ValueKind != JsonValueKind.Object)
        {
            result.Errors.Add(path, "must be an object with limits and/or requests");
            return null;
        }
        var spec = new ResourceSpec();
        foreach (var field in resources.EnumerateObject())
        {
            var at = $"{path}.{field.Name}";
            if (field.Name is not ("limits" or "requests"))
            {
                result.Unmapped.Add(new UnmappedFieldDto(at, "only limits and requests are supported"));
                continue;
            }
            if (field.Value.ValueKind != JsonValueKind.Object)
            {
                result.Errors.Add(at, "must be an object of quantities, e.g. { \"cpu\": \"500m\" }");
                continue;
            }
            var quantities = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var quantity in field.Value.EnumerateObject())
            {
                if (Text(quantity.Value, $"{at}.{quantity.Name}", result.Errors) is { } value)
                {
                    quantities[quantity.Name] = value;
                }
            }
            spec = field.Name == "limits" ? spec with { Limits = quantities } : spec with { Requests = quantities };
        }
        return spec;
    }

    private static string? Text(JsonElement value, string path, ValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }
        errors.Add(path, $"must be a string (got {value.ValueKind.ToString().ToLowerInvariant()})");
        return null;
    }

    private static List<string> Texts(JsonElement value, string path, ValidationErrors errors)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, "must be an array of strings");
            return [];
        }
        var list = new List<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (Text(item, $"{path}[{i++}]", errors) is { } text)
            {
                list.Add(text);
            }
        }
        return list;
    }

    /// <summary>Where a spec field came from in the job-chief file.</summary>
    private static string JobChiefPath(string job, string field) => field switch
    {
        _ when Durations.Any(d => field == d) => $"{job}.{field}",
        _ when field.StartsWith("env.", StringComparison.Ordinal) => $"{job}.podConfig.env",
        _ when field.Split('.', '[')[0] is "image" or "command" or "args" or "annotations" or "resources" or "parallelism" => $"{job}.podConfig.{field}",
        _ => job,
    };
}
