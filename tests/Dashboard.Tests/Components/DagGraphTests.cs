using System.Globalization;
using AngleSharp.Dom;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Workflows;
using Overseer.Dashboard.Components.Shared;
using Overseer.Dashboard.Graph;

namespace Overseer.Dashboard.Tests.Components;

public sealed class DagGraphTests
{
    private static readonly string[] Addresses = ["extract/users", "extract/orders", "load/merge", "load/index", "report/mail"];

    [Fact]
    public void Each_job_sits_in_a_column_after_everything_it_waits_for_including_whole_groups()
    {
        var layout = DagLayout.Compute(Samples.Run());
        int Layer(string address) => layout.Nodes.Single(n => n.Address == address).Layer;

        Assert.Equal([0, 0, 1, 2, 3], Addresses.Select(Layer));
    }

    [Fact]
    public async Task Groups_are_lanes_that_hold_their_jobs_and_do_not_overlap()
    {
        var document = await Render.ComponentAsync<DagGraph>(("Workflow", Samples.Run()));

        var lanes = document.QuerySelectorAll("g.dag-lane").Select(l => (Name: l.GetAttribute("data-group"), Box: Box(l.QuerySelector("rect")!))).ToList();
        Assert.Equal(["extract", "load", "report"], lanes.Select(l => l.Name));
        for (var i = 1; i < lanes.Count; i++)
        {
            Assert.True(lanes[i].Box.Y >= lanes[i - 1].Box.Y + lanes[i - 1].Box.Height);
        }
        foreach (var node in document.QuerySelectorAll(".dag-node"))
        {
            var box = Box(node.QuerySelector("rect")!);
            var lane = lanes.Single(l => l.Name == node.GetAttribute("data-address")!.Split('/')[0]).Box;
            Assert.InRange(box.Y, lane.Y, lane.Y + lane.Height - box.Height);
        }
    }

    [Fact]
    public async Task Nodes_are_coloured_by_state_and_link_to_their_tasks_while_plan_nodes_do_not_link()
    {
        var run = Samples.Run(TaskState.Succeeded, TaskState.Failed, TaskState.Skipped, TaskState.Skipped, TaskState.Skipped);
        var mergeTask = run.Groups[1].Jobs[0].TaskId;
        var plan = run with { Groups = [new WorkflowGroupDto("only", [], WorkflowState.Pending, [Samples.Job("solo", [], TaskState.Pending, withTask: false)])] };

        var runDocument = await Render.ComponentAsync<DagGraph>(("Workflow", run));
        var planDocument = await Render.ComponentAsync<DagGraph>(("Workflow", plan));

        var merge = runDocument.QuerySelector("a.dag-node[data-address='load/merge']")!;
        Assert.Equal($"/tasks/{mergeTask}", merge.GetAttribute("href"));
        Assert.Contains("state-Skipped", merge.ClassList);
        Assert.Equal("load/merge: Skipped", merge.GetAttribute("aria-label"));
        Assert.Contains("state-Failed", runDocument.QuerySelector(".dag-node[data-address='extract/orders']")!.ClassList);
        Assert.Empty(planDocument.QuerySelectorAll("a.dag-node"));
        Assert.Single(planDocument.QuerySelectorAll("g.dag-node[data-address='only/solo']"));
    }

    [Fact]
    public async Task Job_dependencies_are_edges_and_group_dependencies_are_dashed_lane_edges()
    {
        var document = await Render.ComponentAsync<DagGraph>(("Workflow", Samples.Run()));

        var edges = document.QuerySelectorAll("path.dag-edge").Select(e => (e.GetAttribute("data-from"), e.GetAttribute("data-to"), e.ClassList.Contains("dag-group-edge"))).ToList();

        Assert.Equal([("load/merge", "load/index", false), ("extract", "load", true), ("load", "report", true)], edges);
    }

    [Fact]
    public async Task Names_are_text_and_a_cycle_still_draws()
    {
        var run = Samples.Run() with
        {
            Groups = [new WorkflowGroupDto("<script>alert(1)</script>", [], WorkflowState.Running,
                [Samples.Job("a", ["<script>alert(1)</script>/b"], TaskState.Running), Samples.Job("b", ["<script>alert(1)</script>/a"], TaskState.Queued)])],
        };

        var document = await Render.ComponentAsync<DagGraph>(("Workflow", run));

        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Contains("<script>", document.QuerySelector(".dag-lane-label")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, document.QuerySelectorAll(".dag-node").Length);
    }

    private static (double Y, double Height) Box(IElement rect) =>
        (double.Parse(rect.GetAttribute("y")!, CultureInfo.InvariantCulture), double.Parse(rect.GetAttribute("height")!, CultureInfo.InvariantCulture));
}
