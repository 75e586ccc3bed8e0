using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Overseer.Api.Workflows.Compile;
using Overseer.Api.Workflows.Parsing;

namespace Overseer.Api.Tests.Workflows;

/// <summary>Random graphs: every one either compiles with an order that respects every edge, or is rejected with a cycle; never an exception.</summary>
public sealed class WorkflowCompilerPropertyTests
{
    private static readonly Gen<(int Jobs, (int From, int To)[] Edges, bool[] Sequential)> Graphs =
        from jobs in Gen.Choose(1, 25)
        from edges in Gen.ArrayOf(Gen.Choose(0, jobs - 1).Two())
        from sequential in Gen.ArrayOf(Gen.Elements(true, false, false, false))
        select (jobs, edges.Select(e => (e.Item1, e.Item2)).Where(e => e.Item1 != e.Item2).ToArray(), sequential);

    [Fact]
    public void Acyclic_graphs_compile_with_a_topological_order_consistent_with_every_edge()
    {
        Prop.ForAll(Graphs.ToArbitrary(), g =>
        {
            var acyclic = g.Edges.Select(e => (Math.Min(e.From, e.To), Math.Max(e.From, e.To))).ToArray();
            var (plan, errors) = Compile(g.Jobs, acyclic, g.Sequential);
            return errors.IsEmpty && OrderRespectsEdges(plan!);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Any_graph_either_compiles_consistently_or_is_rejected_with_a_cycle()
    {
        var (compiled, rejected) = (0, 0);
        Prop.ForAll(Graphs.ToArbitrary(), g =>
        {
            var (plan, errors) = Compile(g.Jobs, g.Edges, g.Sequential);
            if (plan is not null)
            {
                compiled++;
                return OrderRespectsEdges(plan);
            }
            rejected++;
            return errors.ToDictionary().TryGetValue("spec", out var messages) && messages.Single().StartsWith("dependency cycle: ", StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();

        Assert.True(compiled > 0 && rejected > 0, $"the generator should produce both kinds of graph ({compiled} compiled, {rejected} rejected)");
    }

    private static (WorkflowPlan? Plan, Contracts.Validation.ValidationErrors Errors) Compile(int jobs, IEnumerable<(int From, int To)> edges, bool[] sequential)
    {
        var deps = edges.GroupBy(e => e.To).ToDictionary(g => g.Key, g => g.Select(e => e.From).Distinct().ToList());
        var yaml = new StringBuilder(WorkflowSamples.Workflow("    - name: g\n      jobs:\n", name: "prop"));
        for (var j = 0; j < jobs; j++)
        {
            var parallel = j >= sequential.Length || !sequential[j];
            var dependsOn = deps.TryGetValue(j, out var list) ? $", dependsOn: [{string.Join(", ", list.Select(d => $"g/j{d}"))}]" : "";
            yaml.Append($"        - {{name: j{j}, command: [\"true\"], parallel: {(parallel ? "true" : "false")}{dependsOn}}}\n");
        }
        return WorkflowCompiler.Compile(WorkflowReader.Read(Encoding.UTF8.GetBytes(yaml.ToString()), "application/yaml"));
    }

    private static bool OrderRespectsEdges(WorkflowPlan plan)
    {
        var position = new int[plan.NodeCount];
        for (var i = 0; i < plan.Order.Count; i++)
        {
            position[plan.Order[i]] = i;
        }
        return plan.Order.Count == plan.NodeCount && plan.Edges.All(e => position[e.From] < position[e.To]);
    }
}
