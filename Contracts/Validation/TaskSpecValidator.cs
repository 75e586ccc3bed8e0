using Overseer.Contracts.Tasks;

namespace Overseer.Contracts.Validation;

/// <summary>Validates a <see cref="TaskSpec"/> and fills in its defaults. Every problem is reported, each under its field's path.</summary>
public static class TaskSpecValidator
{
    /// <summary>Longest single argument or environment value.</summary>
    public const int MaxStringLength = 32 * 1024;

    private static readonly HashSet<string> Effects = new(StringComparer.Ordinal) { "", "NoSchedule", "PreferNoSchedule", "NoExecute" };

    /// <summary>Returns every problem with <paramref name="spec"/>; empty when it is valid.</summary>
    public static ValidationErrors Validate(TaskSpec spec)
    {
        spec = Normalize(spec);
        var errors = new ValidationErrors();
        Add(errors, "name", spec.Name is null ? "is required" : Dns1123.CheckLabel(spec.Name));
        if (spec.Image is not null)
        {
            Add(errors, "image", spec.Image.Length == 0 || spec.Image.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
                ? "must be a non-empty image reference without spaces" : TextRules.Check(spec.Image, 512));
        }
        CheckList(errors, "command", spec.Command);
        CheckList(errors, "args", spec.Args);
        var program = spec.Command.Count > 0 ? spec.Command[0] : spec.Args.Count > 0 ? spec.Args[0] : null;
        // An image without command or args runs its own entrypoint on Kubernetes; the local executor refuses it at submission.
        if (string.IsNullOrEmpty(program) && !RunsImageEntrypoint(spec))
        {
            errors.Add(spec.Command.Count > 0 ? "command[0]" : "command",
                "command (or args, when command is empty) must name the program to run, unless an image's own entrypoint should run (kubernetes executor)");
        }
        CheckEnv(errors, spec.Env);
        EnvOrdering.Check(errors, spec);
        EnvSourceRules.Check(errors, spec.ValueFrom, spec.EnvFrom, spec.Env);
        if (spec.WorkingDir is not null)
        {
            Add(errors, "workingDir", spec.WorkingDir.StartsWith('/') ? TextRules.Check(spec.WorkingDir, 4096) : "must be an absolute path");
        }
        if (spec.TimeoutSeconds is < 1 or > TimeoutRules.MaxSeconds)
        {
            errors.Add("timeoutSeconds", $"must be between 1 and {TimeoutRules.MaxSeconds} seconds (7 days) (got {spec.TimeoutSeconds})");
        }
        if (spec.Retries is < 0 or > 20)
        {
            errors.Add("retries", $"must be between 0 and 20 (got {spec.Retries})");
        }
        CheckBackoff(errors, spec.Backoff);
        CheckLabels(errors, "labels", spec.Labels, labelValues: true);
        CheckLabels(errors, "annotations", spec.Annotations, labelValues: false);
        CheckLabels(errors, "nodeSelector", spec.NodeSelector, labelValues: true);
        CheckResources(errors, spec.Resources);
        CheckTolerations(errors, spec.Tolerations);
        CheckPullSecrets(errors, spec.ImagePullSecrets);
        return errors;
    }

    /// <summary>True when <paramref name="spec"/> has an image and neither command nor args: only a container runtime can run it.</summary>
    public static bool RunsImageEntrypoint(TaskSpec spec) => spec.Command is not { Count: > 0 } && spec.Args is not { Count: > 0 } && spec.Image is { Length: > 0 };

    /// <summary>What the local executor answers for such a spec.</summary>
    public const string NeedsCommandLocally = "needs a command locally: the image's entrypoint cannot run without a container runtime (the kubernetes executor runs it)";

    /// <summary>
    /// Returns <paramref name="spec"/> with defaults filled in and absent (or JSON null) collections made empty.
    /// Deserialized records can carry nulls there, since init-only members are always assigned. A spec without a
    /// timeout gets <paramref name="defaultTimeoutSeconds"/>.
    /// </summary>
    public static TaskSpec Normalize(TaskSpec spec, int defaultTimeoutSeconds = TaskSpec.DefaultTimeoutSeconds) => spec with
    {
        Command = spec.Command ?? [],
        Args = spec.Args ?? [],
        Env = spec.Env ?? new Dictionary<string, string>(),
        ValueFrom = spec.ValueFrom ?? new Dictionary<string, ValueFromSpec>(),
        EnvOrder = EnvOrdering.Names(spec),
        EnvFrom = spec.EnvFrom ?? [],
        TimeoutSeconds = spec.TimeoutSeconds ?? defaultTimeoutSeconds,
        Retries = spec.Retries ?? 0,
        Backoff = spec.Backoff ?? new BackoffSpec(),
        Labels = spec.Labels ?? new Dictionary<string, string>(),
        Annotations = spec.Annotations ?? new Dictionary<string, string>(),
        NodeSelector = spec.NodeSelector ?? new Dictionary<string, string>(),
        Tolerations = spec.Tolerations ?? [],
        ImagePullSecrets = spec.ImagePullSecrets ?? [],
        Resources = spec.Resources is null ? null : spec.Resources with
        {
            Requests = spec.Resources.Requests ?? new Dictionary<string, string>(),
            Limits = spec.Resources.Limits ?? new Dictionary<string, string>(),
        },
    };

    private static void Add(ValidationErrors errors, string field, string? problem)
    {
        if (problem is not null)
        {
            errors.Add(field, problem);
        }
    }

    private static void CheckList(ValidationErrors errors, string field, IReadOnlyList<string> items)
    {
        if (items.Count > 256)
        {
            errors.Add(field, $"must have at most 256 items (got {items.Count})");
            return;
        }
        for (var i = 0; i < items.Count; i++)
        {
            Add(errors, $"{field}[{i}]", items[i] is null ? "must not be null" : TextRules.Check(items[i], MaxStringLength));
        }
    }

    private static void CheckEnv(ValidationErrors errors, IReadOnlyDictionary<string, string> env)
    {
        if (env.Count > 256)
        {
            errors.Add("env", $"must have at most 256 variables (got {env.Count})");
            return;
        }
        foreach (var (name, value) in env)
        {
            var field = $"env.{name}";
            Add(errors, field, EnvNames.Check(name));
            Add(errors, field, value is null ? "value must not be null" : TextRules.Check(value, MaxStringLength));
        }
    }

    private static void CheckBackoff(ValidationErrors errors, BackoffSpec? backoff)
    {
        if (backoff is null)
        {
            return;
        }
        if (!double.IsFinite(backoff.InitialSeconds) || backoff.InitialSeconds is < 0 or > 3600)
        {
            errors.Add("backoff.initialSeconds", "must be between 0 and 3600");
        }
        if (!double.IsFinite(backoff.Factor) || backoff.Factor is < 1 or > 10)
        {
            errors.Add("backoff.factor", "must be between 1 and 10");
        }
        if (!double.IsFinite(backoff.MaxSeconds) || backoff.MaxSeconds > 86400 || backoff.MaxSeconds < backoff.InitialSeconds)
        {
            errors.Add("backoff.maxSeconds", "must be at least initialSeconds and at most 86400");
        }
    }

    private static void CheckLabels(ValidationErrors errors, string field, IReadOnlyDictionary<string, string> map, bool labelValues)
    {
        if (map.Count > 64)
        {
            errors.Add(field, $"must have at most 64 entries (got {map.Count})");
            return;
        }
        var total = 0;
        foreach (var (key, value) in map)
        {
            var path = $"{field}.{key}";
            Add(errors, path, KubernetesSyntax.CheckKey(key));
            if (value is null)
            {
                errors.Add(path, "value must not be null");
                continue;
            }
            total += key.Length + value.Length;
            Add(errors, path, labelValues ? KubernetesSyntax.CheckLabelValue(value) : TextRules.Check(value, MaxStringLength));
        }
        if (total > 256 * 1024)
        {
            errors.Add(field, "must total at most 256 KiB");
        }
    }

    private static void CheckResources(ValidationErrors errors, ResourceSpec? resources)
    {
        if (resources is null)
        {
            return;
        }
        foreach (var (part, map) in new[] { ("requests", resources.Requests), ("limits", resources.Limits) })
        {
            foreach (var (name, quantity) in map)
            {
                var path = $"resources.{part}.{name}";
                Add(errors, path, KubernetesSyntax.CheckKey(name));
                Add(errors, path, quantity is null ? "must be a quantity" : KubernetesSyntax.CheckQuantity(quantity));
            }
        }
    }

    private static void CheckPullSecrets(ValidationErrors errors, IReadOnlyList<string> names)
    {
        if (names.Count > 16)
        {
            errors.Add("imagePullSecrets", $"must have at most 16 names (got {names.Count})");
            return;
        }
        for (var i = 0; i < names.Count; i++)
        {
            Add(errors, $"imagePullSecrets[{i}]", EnvSourceRules.CheckObjectName(names[i]));
        }
    }

    private static void CheckTolerations(ValidationErrors errors, IReadOnlyList<TolerationSpec> tolerations)
    {
        if (tolerations.Count > 32)
        {
            errors.Add("tolerations", "must have at most 32 entries");
            return;
        }
        for (var i = 0; i < tolerations.Count; i++)
        {
            var t = tolerations[i];
            var path = $"tolerations[{i}]";
            if (t is null)
            {
                errors.Add(path, "must not be null");
                continue;
            }
            if (t.Operator is not (null or "Equal" or "Exists"))
            {
                errors.Add($"{path}.operator", "must be Equal or Exists");
            }
            if (t.Operator == "Exists" && !string.IsNullOrEmpty(t.Value))
            {
                errors.Add($"{path}.value", "must be empty when operator is Exists");
            }
            if (!string.IsNullOrEmpty(t.Key))
            {
                Add(errors, $"{path}.key", KubernetesSyntax.CheckKey(t.Key));
            }
            if (t.Value is not null)
            {
                Add(errors, $"{path}.value", KubernetesSyntax.CheckLabelValue(t.Value));
            }
            if (t.Effect is not null && !Effects.Contains(t.Effect))
            {
                errors.Add($"{path}.effect", "must be NoSchedule, PreferNoSchedule or NoExecute");
            }
            if (t.TolerationSeconds is not null && t.Effect != "NoExecute")
            {
                errors.Add($"{path}.tolerationSeconds", "is only allowed with effect NoExecute");
            }
        }
    }
}
