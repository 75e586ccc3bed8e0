using System.Globalization;
using Overseer.Contracts.Workflows;

namespace Overseer.Dashboard.Graph;

/// <summary>
/// Layered layout of a workflow, done on the server so the page needs no layout script: each job's column is the
/// length of the longest chain of dependencies before it (job dependencies, and for group dependencies every job of
/// the earlier group), each group is a lane of its own, and inside a lane and column jobs are ordered by where their
/// dependencies sit (barycenter), which keeps edges short and mostly uncrossed.
/// </summary>
public static class DagLayout
{
    /// <summary>Width of the lane labels on the left.</summary>
    public const double LabelWidth = 150;

    /// <summary>Horizontal gap between columns.</summary>
    public const double ColumnGap = 56;

    /// <summary>Vertical gap between jobs, and padding inside lanes.</summary>
    public const double RowGap = 14;

    /// <summary>Lays out <paramref name="workflow"/>.</summary>
    public static DagLayoutResult Compute(WorkflowDto workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var jobs = workflow.Groups.SelectMany((g, gi) => g.Jobs.Select(j => (Group: gi, Job: j, Address: $"{g.Name}/{j.Name}"))).ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < jobs.Count; i++)
        {
            index.TryAdd(jobs[i].Address, i);
        }
        var groupIndex = workflow.Groups.Select((g, i) => (g.Name, i)).GroupBy(g => g.Name).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var jobDeps = jobs.Select(j => j.Job.DependsOn.Where(index.ContainsKey).Select(d => index[d]).Distinct().ToList()).ToList();
        var groupDeps = workflow.Groups.Select(g => g.DependsOn.Where(groupIndex.ContainsKey).Select(d => groupIndex[d]).Distinct().ToList()).ToList();
        var layers = Layers(jobs.Select(j => j.Group).ToList(), jobDeps, groupDeps, workflow.Groups.Count);

        var rows = OrderRows(jobs.Select(j => j.Group).ToList(), layers, jobDeps);
        var laneRows = Enumerable.Range(0, workflow.Groups.Count)
            .Select(g => Math.Max(1, rows.Where(r => jobs[r.Key].Group == g).Select(r => r.Value + 1).DefaultIfEmpty(1).Max())).ToList();
        var lanes = new List<DagLane>();
        var laneTop = new double[workflow.Groups.Count];
        var y = 0.0;
        for (var g = 0; g < workflow.Groups.Count; g++)
        {
            var height = laneRows[g] * (DagNode.Height + RowGap) + RowGap;
            laneTop[g] = y;
            lanes.Add(new DagLane(workflow.Groups[g].Name, workflow.Groups[g].State, y, height));
            y += height;
        }
        var nodes = jobs.Select((j, i) => new DagNode(j.Address, j.Group, j.Job.Name, j.Job.State, j.Job.TaskId, layers[i],
            LabelWidth + ColumnGap / 2 + layers[i] * (DagNode.Width + ColumnGap),
            laneTop[j.Group] + RowGap + rows[i] * (DagNode.Height + RowGap))).ToList();

        var edges = new List<DagEdge>();
        for (var i = 0; i < nodes.Count; i++)
        {
            edges.AddRange(jobDeps[i].Select(d => new DagEdge(nodes[d].Address, nodes[i].Address, Curve(nodes[d].Out, nodes[i].In), false)));
        }
        for (var g = 0; g < groupDeps.Count; g++)
        {
            foreach (var d in groupDeps[g].Where(d => nodes.Any(n => n.Group == d) && nodes.Any(n => n.Group == g)))
            {
                var from = (nodes.Where(n => n.Group == d).Max(n => n.X + DagNode.Width), lanes[d].Y + lanes[d].Height / 2);
                var to = (nodes.Where(n => n.Group == g).Min(n => n.X), lanes[g].Y + lanes[g].Height / 2);
                edges.Add(new DagEdge(lanes[d].Name, lanes[g].Name, Curve(from, to), true));
            }
        }
        var width = LabelWidth + ColumnGap + (layers.Count == 0 ? 1 : layers.Max() + 1) * (DagNode.Width + ColumnGap);
        return new DagLayoutResult(width, Math.Max(y, DagNode.Height), lanes, nodes, edges);
    }

    /// <summary>
    /// Column of every job. Group dependencies are handled through one gate per group (its column is its last job's),
    /// so a group waiting on a large group costs no quadratic number of edges. A cycle (never in a valid run) leaves
    /// its jobs in the last column rather than failing the page.
    /// </summary>
    private static List<int> Layers(List<int> groupOf, List<List<int>> jobDeps, List<List<int>> groupDeps, int groupCount)
    {
        var n = groupOf.Count;
        var gate = n;
        var successors = Enumerable.Range(0, n + groupCount).Select(_ => new List<int>()).ToList();
        var indegree = new int[n + groupCount];
        void Edge(int from, int to)
        {
            successors[from].Add(to);
            indegree[to]++;
        }
        for (var j = 0; j < n; j++)
        {
            Edge(j, gate + groupOf[j]);
            foreach (var d in jobDeps[j])
            {
                Edge(d, j);
            }
            foreach (var dg in groupDeps[groupOf[j]])
            {
                Edge(gate + dg, j);
            }
        }
        var level = new int[n + groupCount];
        var ready = new Queue<int>(Enumerable.Range(0, n + groupCount).Where(v => indegree[v] == 0));
        var done = 0;
        while (ready.TryDequeue(out var v))
        {
            done++;
            foreach (var s in successors[v])
            {
                // Jobs sit one column after what they wait for; a gate sits in its last job's column.
                level[s] = Math.Max(level[s], s >= gate ? level[v] : level[v] + 1);
                if (--indegree[s] == 0)
                {
                    ready.Enqueue(s);
                }
            }
        }
        var layers = level.Take(n).ToList();
        if (done < n + groupCount)
        {
            var last = layers.DefaultIfEmpty(0).Max() + 1;
            for (var j = 0; j < n; j++)
            {
                if (indegree[j] > 0)
                {
                    layers[j] = last;
                }
            }
        }
        return layers;
    }

    /// <summary>Row of every job inside its lane and column, column by column, by the mean row of what it waits for.</summary>
    private static Dictionary<int, int> OrderRows(List<int> groupOf, List<int> layers, List<List<int>> jobDeps)
    {
        var rows = new Dictionary<int, int>();
        foreach (var column in Enumerable.Range(0, groupOf.Count).GroupBy(j => layers[j]).OrderBy(c => c.Key))
        {
            foreach (var cell in column.GroupBy(j => groupOf[j]))
            {
                var ordered = cell.OrderBy(j => jobDeps[j].Count == 0 ? double.MaxValue : jobDeps[j].Average(d => rows.GetValueOrDefault(d)))
                    .ThenBy(j => j).ToList();
                for (var r = 0; r < ordered.Count; r++)
                {
                    rows[ordered[r]] = r;
                }
            }
        }
        return rows;
    }

    private static string Curve((double X, double Y) from, (double X, double Y) to)
    {
        var bend = Math.Max(24, (to.X - from.X) / 2);
        return string.Create(CultureInfo.InvariantCulture,
            $"M{from.X:0.#},{from.Y:0.#} C{from.X + bend:0.#},{from.Y:0.#} {to.X - bend:0.#},{to.Y:0.#} {to.X:0.#},{to.Y:0.#}");
    }
}
