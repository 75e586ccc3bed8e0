using System.Text;
using Overseer.Contracts.Workflows;

namespace Overseer.Api.Workflows;

/// <summary>The dependency tree as jobs-manager-operator prints it: groups, their jobs, and each job's and group's dependencies.</summary>
public static class TreeText
{
    /// <summary>Renders <paramref name="workflow"/> as a text tree.</summary>
    public static string Render(WorkflowDto workflow)
    {
        var text = new StringBuilder().Append(workflow.Name).Append('\n');
        // Dependencies print as the names the jobs run as, as the operator prints its generated Job names.
        var runsAs = workflow.Groups.SelectMany(g => g.Jobs.Where(j => j.RunsAs is not null).Select(j => (Address: $"{g.Name}/{j.Name}", j.RunsAs)))
            .ToDictionary(j => j.Address, j => j.RunsAs!, StringComparer.Ordinal);
        for (var g = 0; g < workflow.Groups.Count; g++)
        {
            var group = workflow.Groups[g];
            var lastGroup = g == workflow.Groups.Count - 1;
            text.Append(lastGroup ? "└── " : "├── ").Append(group.Name).Append('\n');
            var indent = lastGroup ? "    " : "│   ";
            var items = group.Jobs.Select(j => (Text: j.Notes is { Count: > 0 } ? $"{j.Name} (runs as {j.RunsAs})" : j.Name, Deps: j.DependsOn.Select(d => "Depends on: " + (runsAs.TryGetValue(d, out var name) ? name : FullName(workflow.Name, d))).ToList()))
                .Concat(group.DependsOn.Select(d => (Text: "Depends on group: " + d, Deps: new List<string>())))
                .ToList();
            for (var i = 0; i < items.Count; i++)
            {
                var last = i == items.Count - 1;
                text.Append(indent).Append(last ? "└── " : "├── ").Append(items[i].Text).Append('\n');
                for (var d = 0; d < items[i].Deps.Count; d++)
                {
                    text.Append(indent).Append(last ? "    " : "│   ").Append(d == items[i].Deps.Count - 1 ? "└── " : "├── ").Append(items[i].Deps[d]).Append('\n');
                }
            }
        }
        return text.ToString();
    }

    private static string FullName(string workflow, string address) => $"{workflow}-{address.Replace('/', '-')}";
}
