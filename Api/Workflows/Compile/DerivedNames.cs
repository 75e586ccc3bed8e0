using Overseer.Contracts.Validation;
using Overseer.Contracts.Workflows;

namespace Overseer.Api.Workflows.Compile;

/// <summary>The Kubernetes names a workflow's names run as (<see cref="KubernetesName"/>), and the notes that say so.</summary>
internal sealed class DerivedNames
{
    private readonly string _workflow;
    private readonly string _derivedWorkflow;
    private readonly List<GroupDocument> _groups;
    private readonly string[] _derivedGroups;
    private readonly string[][] _derivedJobs;

    private DerivedNames(string workflow, List<GroupDocument> groups)
    {
        _workflow = workflow;
        _groups = groups;
        _derivedWorkflow = KubernetesName.Derive(workflow);
        _derivedGroups = KubernetesName.DeriveAll([.. groups.Select(g => g.Name!)]);
        _derivedJobs = [.. groups.Select(g => KubernetesName.DeriveAll([.. g.Jobs!.Select(j => j.Name!)]))];
    }

    /// <summary>Derives the names of a workflow whose names are present and unique as written; reports the rare derived names that still collide.</summary>
    public static DerivedNames Of(string workflow, List<GroupDocument> groups, ValidationErrors errors)
    {
        var names = new DerivedNames(workflow, groups);
        ReportCollisions(names._derivedGroups, [.. groups.Select(g => g.Name!)], g => $"spec.groups[{g}].name", errors);
        for (var g = 0; g < groups.Count; g++)
        {
            ReportCollisions(names._derivedJobs[g], [.. groups[g].Jobs!.Select(j => j.Name!)], j => $"spec.groups[{g}].jobs[{j}].name", errors);
        }
        return names;
    }

    /// <summary>The workflow's name as a label.</summary>
    public string Workflow => _derivedWorkflow;

    /// <summary>Group <paramref name="g"/>'s name as a label.</summary>
    public string Group(int g) => _derivedGroups[g];

    /// <summary>Job <paramref name="j"/> of group <paramref name="g"/>'s name as a label.</summary>
    public string Job(int g, int j) => _derivedJobs[g][j];

    /// <summary>The task (and Kubernetes Job) name: the derived names joined, cut with a hash of the originals past 63 characters.</summary>
    public string TaskName(int g, int j)
    {
        var joined = WorkflowCompiler.TaskName(_derivedWorkflow, _derivedGroups[g], _derivedJobs[g][j]);
        return joined.Length <= Dns1123.MaxLabelLength ? joined : KubernetesName.WithHash(joined, $"{_workflow}/{_groups[g].Name}/{_groups[g].Jobs![j].Name}");
    }

    /// <summary>One note per name of job <paramref name="j"/> that runs under another name, and one when its task name was cut.</summary>
    public List<string> Notes(int g, int j)
    {
        var notes = new List<string>();
        foreach (var (level, original, derived) in new[] { ("workflow", _workflow, _derivedWorkflow), ("group", _groups[g].Name!, _derivedGroups[g]),
            ("job", _groups[g].Jobs![j].Name!, _derivedJobs[g][j]) })
        {
            if (original != derived)
            {
                notes.Add($"{level} name '{original}' runs as '{derived}'");
            }
        }
        var joined = WorkflowCompiler.TaskName(_derivedWorkflow, _derivedGroups[g], _derivedJobs[g][j]);
        var task = TaskName(g, j);
        if (task != joined)
        {
            notes.Add($"task name '{joined}' ({joined.Length} characters) runs as '{task}' (cut to {Dns1123.MaxLabelLength} with a hash)");
        }
        return notes;
    }

    private static void ReportCollisions(string[] derived, string[] originals, Func<int, string> path, ValidationErrors errors)
    {
        var firstOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < derived.Length; i++)
        {
            if (!firstOf.TryAdd(derived[i], i))
            {
                errors.Add(path(i), $"'{originals[i]}' and '{originals[firstOf[derived[i]]]}' both run as '{derived[i]}': rename one");
            }
        }
    }
}
