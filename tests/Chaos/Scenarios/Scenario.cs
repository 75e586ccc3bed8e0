using System.Diagnostics;
using Overseer.Chaos.Invariants;
using Overseer.Chaos.Report;

namespace Overseer.Chaos.Scenarios;

/// <summary>
/// A seeded fault scenario: it starts its environment, runs a burst of tasks while injecting faults, waits for the
/// system to go idle, then runs the <see cref="InvariantChecker"/>.
/// </summary>
public abstract class Scenario
{
    /// <summary>Short name (the report's first column).</summary>
    public abstract string Name { get; }

    /// <summary>Api nodes to start.</summary>
    protected virtual int NodeCount => 1;

    /// <summary>Whether the nodes reach PostgreSQL through the fault proxy.</summary>
    protected virtual bool UsesProxy => false;

    /// <summary>Retries of Slow tasks.</summary>
    protected virtual int SlowRetries => 0;

    /// <summary>Settings of a shared-mode sidecar for local attempts' results; null: the scenario runs none.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? SidecarSettings => null;

    /// <summary>Settings added to every node's environment.</summary>
    protected virtual IReadOnlyDictionary<string, string?> NodeSettings => new Dictionary<string, string?>();

    /// <summary>Runs the scenario and checks the invariants.</summary>
    public async Task<ScenarioResult> RunAsync(ScenarioSettings settings, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var result = new ScenarioResult(Name, settings.Seed);
        settings.Log($"{Name}: seed {settings.Seed}, {settings.Tasks} tasks, {settings.Faults} faults");
        var nodeSettings = new Dictionary<string, string?>(NodeSettings);
        await using var surroundings = await StartSurroundingsAsync(nodeSettings, settings, ct);
        await using var env = await ChaosEnvironment.StartAsync(Name, settings, NodeCount, UsesProxy, nodeSettings, SlowRetries, ct, SidecarSettings);
        try
        {
            await RunFaultsAsync(env, result, ct);
            await RecoverAsync(env, ct);
            var ids = env.Workload.Submitted.Select(t => t.Id).ToList();
            var open = await env.Workload.WaitTerminalAsync(ids, settings.DrainTimeout, ct);
            settings.Log($"{Name}: drained, {open.Count} of {ids.Count} tasks still open");
            result.Invariants = await InvariantChecker.CheckAsync(env.Postgres.ConnectionString, new CheckInput(
                env.Workload.Submitted, env.MarkerDir, env.FaultedPids.Keys.ToHashSet(), ChaosEnvironment.InfrastructureRetries,
                env.DisturbedTasks.Keys.ToHashSet()), ct);
            if (env.Sidecar is not null)
            {
                result.Problems.AddRange(await RelayedResults.CheckAsync(env.Postgres.ConnectionString, env.Workload.Submitted, TimeSpan.FromSeconds(60), ct));
            }
        }
        catch (Exception e)
        {
            result.Problems.Add($"the scenario failed: {e.GetType().Name}: {e.Message}");
            throw;
        }
        finally
        {
            result.Submitted = env.Workload.Submitted.Count;
            var slowest = env.Workload.Calls.DefaultIfEmpty().Max();
            result.SlowestCall = slowest > result.SlowestCall ? slowest : result.SlowestCall;
            result.Duration = clock.Elapsed;
            result.StaleRejected += env.Nodes.SelectMany(n => n.PastOutput.Append(n.Output))
                .Sum(output => CountOf(output, "it is no longer the live attempt"));
            if (env.Sidecar is { } sidecar && result.AllViolations.Any())
            {
                foreach (var (output, start) in sidecar.PastOutput.Append(sidecar.Output).Select((o, i) => (o, i + 1)))
                {
                    settings.Log($"sidecar start {start} output (last 15 lines):\n{string.Join('\n', output.Split('\n').TakeLast(15))}");
                }
            }
            foreach (var node in env.Nodes.Where(n => result.AllViolations.Any()))
            {
                foreach (var (output, start) in node.PastOutput.Append(node.Output).Select((o, i) => (o, i + 1)))
                {
                    settings.Log($"{node.Name} start {start} output (last 15 lines):\n{string.Join('\n', output.Split('\n').TakeLast(15))}");
                }
            }
        }
        return result;
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    /// <summary>Starts what the nodes need besides PostgreSQL (e.g. a Kubernetes simulator) and adds their settings.</summary>
    protected virtual Task<IAsyncDisposable?> StartSurroundingsAsync(Dictionary<string, string?> nodeSettings, ScenarioSettings settings, CancellationToken ct) =>
        Task.FromResult<IAsyncDisposable?>(null);

    /// <summary>Submits the burst and injects the faults; counts them, their recoveries and stale results in <paramref name="result"/>.</summary>
    protected abstract Task RunFaultsAsync(ChaosEnvironment env, ScenarioResult result, CancellationToken ct);

    /// <summary>Brings everything back to a healthy state before draining (by default: every node runs).</summary>
    protected virtual async Task RecoverAsync(ChaosEnvironment env, CancellationToken ct)
    {
        env.Proxy?.SetMode(Faults.ProxyMode.Pass);
        env.SidecarProxy?.SetMode(Faults.ProxyMode.Pass);
        foreach (var node in env.Nodes.Where(n => !n.IsRunning))
        {
            await node.StartAsync();
        }
        if (env.Sidecar is { IsRunning: false } sidecar)
        {
            await sidecar.StartAsync();
        }
    }
}
