namespace Overseer.Api.Workflows.Compile;

/// <summary>Topological sort (Kahn's algorithm) with cycle extraction; iterative, so deep graphs cannot overflow the stack.</summary>
public static class DependencyGraph
{
    /// <summary>A topological order of all nodes, or (when there is none) one cycle as a node path whose first and last entries are equal.</summary>
    public static (IReadOnlyList<int>? Order, IReadOnlyList<int>? Cycle) Sort(int nodeCount, IReadOnlyList<(int From, int To)> edges)
    {
        var outgoing = new List<int>[nodeCount];
        var incoming = new List<int>[nodeCount];
        var indegree = new int[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            outgoing[i] = [];
            incoming[i] = [];
        }
        foreach (var (from, to) in edges)
        {
            outgoing[from].Add(to);
            incoming[to].Add(from);
            indegree[to]++;
        }
        var ready = new Queue<int>(Enumerable.Range(0, nodeCount).Where(n => indegree[n] == 0));
        var order = new List<int>(nodeCount);
        while (ready.TryDequeue(out var node))
        {
            order.Add(node);
            foreach (var next in outgoing[node])
            {
                if (--indegree[next] == 0)
                {
                    ready.Enqueue(next);
                }
            }
        }
        return order.Count == nodeCount ? (order, null) : (null, FindCycle(indegree, incoming));
    }

    private static List<int> FindCycle(int[] indegree, List<int>[] incoming)
    {
        // Every node left with indegree > 0 has a predecessor that is also left: walk back until a node repeats.
        var start = Array.FindIndex(indegree, d => d > 0);
        var seenAt = new Dictionary<int, int>();
        var walk = new List<int>();
        var node = start;
        while (!seenAt.ContainsKey(node))
        {
            seenAt[node] = walk.Count;
            walk.Add(node);
            node = incoming[node].First(p => indegree[p] > 0);
        }
        var cycle = walk.Skip(seenAt[node]).Reverse().ToList();
        // Start at the lowest node, so the same graph always reports the same cycle.
        var first = cycle.IndexOf(cycle.Min());
        cycle = [.. cycle.Skip(first), .. cycle.Take(first)];
        cycle.Add(cycle[0]);
        return cycle;
    }
}
