using Overseer.Contracts.Validation;
using Overseer.Contracts.Workflows;

namespace Overseer.Api.Workflows.Compile;

/// <summary>
/// Turns order (<c>parallel</c>), <c>dependsOn</c> and ManagedJob <c>dependencies</c> into the upstream nodes of each
/// group and job. Every reference that names nothing is reported under its field path.
/// </summary>
internal static class DependencyResolver
{
    /// <summary>The states the CRD allows in a dependency's <c>status</c> (api/v1beta1/managedjob_types.go).</summary>
    private static readonly string[] Statuses = ["pending", "running", "succeeded", "failed", "aborted"];

    /// <summary>Upstream group indexes of each group.</summary>
    public static List<int>[] Groups(List<GroupDocument> groups, Dictionary<string, int> index, ValidationErrors errors)
    {
        var deps = new List<int>[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var list = group?.Parallel == true ? new List<int>() : [.. Enumerable.Range(0, g)];
            var path = $"spec.groups[{g}]";
            var targets = (group?.DependsOn ?? []).Select((t, k) => (Target: (string?)t, Path: $"{path}.dependsOn[{k}]"))
                .Concat(Named(group?.Dependencies, $"{path}.dependencies", errors));
            foreach (var (target, at) in targets)
            {
                if (target is null || !index.TryGetValue(target, out var upstream))
                {
                    errors.Add(at, $"'{target}' is not a group of this workflow");
                }
                else if (upstream == g)
                {
                    errors.Add(at, "a group cannot depend on itself");
                }
                else if (!list.Contains(upstream))
                {
                    list.Add(upstream);
                }
            }
            deps[g] = list;
        }
        return deps;
    }

    /// <summary>
    /// Upstream job nodes of each job. <paramref name="index"/> maps <c>group/job</c> to its node. A ManagedJob
    /// dependency names a job of the same group, a job by the name the operator generates for it
    /// (<c>lower(workflow-group-job)</c>, which it writes back into exported objects), or a group, which stands for
    /// every job of that group (the group's gate completes when they all succeeded).
    /// </summary>
    public static List<int>[] Jobs(string workflow, List<GroupDocument> groups, Dictionary<string, int> index, ValidationErrors errors)
    {
        var generated = index.ToLookup(j => WorkflowCompiler.TaskName(workflow, j.Key[..j.Key.IndexOf('/')], j.Key[(j.Key.IndexOf('/') + 1)..]).ToLowerInvariant(), j => j.Value);
        var groupJobs = index.ToLookup(j => j.Key[..j.Key.IndexOf('/')], j => j.Value);
        var deps = new List<List<int>>();
        var node = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            var first = node;
            var jobs = groups[g]?.Jobs ?? [];
            for (var j = 0; j < jobs.Count; j++, node++)
            {
                var job = jobs[j];
                var list = job?.Parallel == true ? new List<int>() : [.. Enumerable.Range(first, j)];
                var path = $"spec.groups[{g}].jobs[{j}]";
                for (var k = 0; k < (job?.DependsOn?.Count ?? 0); k++)
                {
                    var target = job!.DependsOn![k];
                    var at = $"{path}.dependsOn[{k}]";
                    if (target is null || !target.Contains('/', StringComparison.Ordinal))
                    {
                        errors.Add(at, $"'{target}' must name a job as group/job");
                    }
                    else if (!index.TryGetValue(target, out var upstream))
                    {
                        errors.Add(at, $"'{target}' is not a job of this workflow");
                    }
                    else
                    {
                        AddJob(list, upstream, node, at, errors);
                    }
                }
                foreach (var (target, at) in Named(job?.Dependencies, $"{path}.dependencies", errors))
                {
                    if (target is not null && groups[g]?.Name is { } own && index.TryGetValue($"{own}/{target}", out var sibling))
                    {
                        AddJob(list, sibling, node, at, errors);
                    }
                    else if (target is not null && generated[target].ToList() is [var byName])
                    {
                        AddJob(list, byName, node, at, errors);
                    }
                    else if (target is not null && groupJobs.Contains(target))
                    {
                        if (target == groups[g]?.Name)
                        {
                            errors.Add(at, "a job cannot depend on its own group");
                            continue;
                        }
                        foreach (var member in groupJobs[target].Where(m => !list.Contains(m)))
                        {
                            list.Add(member);
                        }
                    }
                    else
                    {
                        errors.Add(at, $"'{target}' is not a job of group '{groups[g]?.Name}', the generated name of a job, or a group of this workflow");
                    }
                }
                deps.Add(list);
            }
        }
        return [.. deps];
    }

    private static void AddJob(List<int> list, int upstream, int node, string at, ValidationErrors errors)
    {
        if (upstream == node)
        {
            errors.Add(at, "a job cannot depend on itself");
        }
        else if (!list.Contains(upstream))
        {
            list.Add(upstream);
        }
    }

    private static IEnumerable<(string? Target, string Path)> Named(List<DependencyDocument>? dependencies, string path, ValidationErrors errors)
    {
        for (var k = 0; k < (dependencies?.Count ?? 0); k++)
        {
            var dependency = dependencies![k];
            if (dependency is null)
            {
                errors.Add($"{path}[{k}]", "must be an object with name (and optionally status)");
                continue;
            }
            if (dependency.Status is { Length: > 0 } status && !Statuses.Contains(status))
            {
                errors.Add($"{path}[{k}].status", $"'{status}' must be one of {string.Join(", ", Statuses)} (the operator's states; any of them waits for the dependency to succeed)");
            }
            if (string.IsNullOrEmpty(dependency.Name))
            {
                errors.Add($"{path}[{k}].name", "is required");
                continue;
            }
            yield return (dependency.Name, $"{path}[{k}]");
        }
    }
}
