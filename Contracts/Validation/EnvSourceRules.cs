using System.Text.RegularExpressions;
using Overseer.Contracts.Tasks;

namespace Overseer.Contracts.Validation;

/// <summary>Rules for a task's <c>valueFrom</c> and <c>envFrom</c>: references to Secrets and ConfigMaps, never values.</summary>
public static partial class EnvSourceRules
{
    /// <summary>Most <c>valueFrom</c> variables.</summary>
    public const int MaxValueFrom = 64;

    /// <summary>Most <c>envFrom</c> sources.</summary>
    public const int MaxEnvFrom = 16;

    /// <summary>Adds every problem of <paramref name="valueFrom"/> and <paramref name="envFrom"/> to <paramref name="errors"/>.</summary>
    public static void Check(ValidationErrors errors, IReadOnlyDictionary<string, ValueFromSpec> valueFrom, IReadOnlyList<EnvFromSpec> envFrom,
        IReadOnlyDictionary<string, string> env)
    {
        if (valueFrom.Count > MaxValueFrom)
        {
            errors.Add("valueFrom", $"must have at most {MaxValueFrom} variables (got {valueFrom.Count})");
        }
        else
        {
            foreach (var (name, source) in valueFrom)
            {
                var field = $"valueFrom.{name}";
                Add(errors, field, EnvNames.Check(name));
                if (env.ContainsKey(name))
                {
                    errors.Add(field, "is also set in env: give each variable one value");
                }
                CheckValueFrom(errors, field, source);
            }
        }
        if (envFrom.Count > MaxEnvFrom)
        {
            errors.Add("envFrom", $"must have at most {MaxEnvFrom} sources (got {envFrom.Count})");
            return;
        }
        for (var i = 0; i < envFrom.Count; i++)
        {
            CheckEnvFrom(errors, $"envFrom[{i}]", envFrom[i]);
        }
    }

    /// <summary>Null when <paramref name="name"/> can name a Secret or ConfigMap (a DNS-1123 subdomain), else why not.</summary>
    public static string? CheckObjectName(string? name) =>
        string.IsNullOrEmpty(name) ? "is required"
        : name.Length > 253 ? $"must be at most 253 characters (got {name.Length})"
        : SubdomainPattern().IsMatch(name) ? null
        : "must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit";

    /// <summary>Null when <paramref name="key"/> can be a key of a Secret or ConfigMap, else why not.</summary>
    public static string? CheckKey(string? key) =>
        string.IsNullOrEmpty(key) ? "is required"
        : key.Length > 253 ? $"must be at most 253 characters (got {key.Length})"
        : key is "." or ".." || !KeyPattern().IsMatch(key) ? "must hold only letters, digits, '-', '_' and '.' (and not be '.' or '..')"
        : null;

    private static void CheckValueFrom(ValidationErrors errors, string field, ValueFromSpec? source)
    {
        if (source is null || (source.SecretKeyRef is null) == (source.ConfigMapKeyRef is null))
        {
            errors.Add(field, "must have exactly one of secretKeyRef and configMapKeyRef");
            return;
        }
        var (part, reference) = source.SecretKeyRef is { } s ? ("secretKeyRef", s) : ("configMapKeyRef", source.ConfigMapKeyRef!);
        Add(errors, $"{field}.{part}.name", CheckObjectName(reference.Name));
        Add(errors, $"{field}.{part}.key", CheckKey(reference.Key));
    }

    private static void CheckEnvFrom(ValidationErrors errors, string field, EnvFromSpec? source)
    {
        if (source is null || (source.SecretRef is null) == (source.ConfigMapRef is null))
        {
            errors.Add(field, "must have exactly one of secretRef and configMapRef");
            return;
        }
        var (part, reference) = source.SecretRef is { } s ? ("secretRef", s) : ("configMapRef", source.ConfigMapRef!);
        Add(errors, $"{field}.{part}.name", CheckObjectName(reference.Name));
        if (source.Prefix is { Length: > 0 } prefix && (prefix.Length > 64 || !PrefixPattern().IsMatch(prefix) || EnvNames.Check(prefix + "X") is not null))
        {
            errors.Add($"{field}.prefix", "must be at most 64 letters, digits and '_', not starting with a digit, and not a reserved prefix (OVERSEER_, KUBERNETES_)");
        }
    }

    private static void Add(ValidationErrors errors, string field, string? problem)
    {
        if (problem is not null)
        {
            errors.Add(field, problem);
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SubdomainPattern();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixPattern();
}
