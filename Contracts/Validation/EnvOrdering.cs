using Overseer.Contracts.Tasks;

namespace Overseer.Contracts.Validation;

/// <summary>The declaration order of a task's variables (<see cref="TaskSpec.EnvOrder"/>), which both executors follow.</summary>
public static class EnvOrdering
{
    /// <summary>
    /// <see cref="TaskSpec.EnvOrder"/> when given; otherwise the <see cref="TaskSpec.Env"/> names in their order, then
    /// the <see cref="TaskSpec.ValueFrom"/> names (the order the Kubernetes executor always wrote).
    /// </summary>
    public static IReadOnlyList<string> Names(TaskSpec spec) => spec.EnvOrder is { Count: > 0 } order
        ? order
        : [.. (spec.Env ?? new Dictionary<string, string>()).Keys, .. (spec.ValueFrom ?? new Dictionary<string, ValueFromSpec>()).Keys.Where(k => spec.Env?.ContainsKey(k) != true)];

    /// <summary>A given order must name every variable of env and valueFrom exactly once, and nothing else.</summary>
    public static void Check(ValidationErrors errors, TaskSpec spec)
    {
        if (spec.EnvOrder is not { Count: > 0 } order)
        {
            return;
        }
        var declared = new HashSet<string>(spec.Env.Keys.Concat(spec.ValueFrom.Keys), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in order)
        {
            if (name is null || !declared.Contains(name))
            {
                errors.Add("envOrder", $"'{name}' is not a variable of env or valueFrom");
            }
            else if (!seen.Add(name))
            {
                errors.Add("envOrder", $"'{name}' is listed more than once");
            }
        }
        foreach (var missing in declared.Where(d => !seen.Contains(d)).Order(StringComparer.Ordinal))
        {
            errors.Add("envOrder", $"'{missing}' is missing: list every variable of env and valueFrom, or none");
        }
    }
}
