using System.Collections.Concurrent;
using System.Diagnostics;
using Overseer.Chaos.Cluster;
using Overseer.Chaos.Faults;
using Overseer.Chaos.Report;

namespace Overseer.Chaos.Scenarios;

/// <summary>
/// Scenario 3: the Api reaches PostgreSQL through the <see cref="FaultProxy"/>, which resets, blackholes, slows and
/// slow-closes its connections at seeded moments during a burst, the last blackhole for longer than the heartbeat timeout. Besides the invariants: every HTTP request made
/// meanwhile (submissions, and a poller reading tasks and readiness) must be answered before the client gives up.
/// </summary>
public sealed class ProxyFaultScenario : Scenario
{
    // The last blackhole outlasts the heartbeat timeout (6 s): the Api is alive and holds its outcomes, so it must not
    // reap its own attempts when the database comes back.
    private static readonly (ProxyMode Mode, int MinMs, int MaxMs)[] Faults =
    [
        (ProxyMode.Reset, 500, 500), (ProxyMode.Blackhole, 2000, 5000), (ProxyMode.Latency, 2000, 5000), (ProxyMode.SlowClose, 2000, 5000),
        (ProxyMode.Blackhole, 9000, 11000),
    ];

    /// <inheritdoc />
    public override string Name => "db-proxy-faults";

    /// <inheritdoc />
    protected override bool UsesProxy => true;

    /// <inheritdoc />
    protected override async Task RunFaultsAsync(ChaosEnvironment env, ScenarioResult result, CancellationToken ct)
    {
        var proxy = env.Proxy!;
        var node = env.Nodes[0];
        var polls = new ConcurrentQueue<TimeSpan>();
        using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var poller = PollAsync(env, node, polls, stopPolling.Token);
        var burst = env.Workload.BurstAsync(env.Settings.Tasks, Workload.Workload.Succeeding, TimeSpan.FromMilliseconds(150 * env.Settings.Tasks), ct);
        for (var i = 0; i < env.Settings.Faults; i++)
        {
            await Task.Delay(env.Draw(300, 2000), ct);
            var (mode, min, max) = Faults[i % Faults.Length];
            var hold = env.Draw(min, max);
            // Work that runs, ends and reports across the fault, whatever is left of the burst.
            for (var extra = 0; extra < 2; extra++)
            {
                await env.Workload.SubmitAsync(Workload.TaskKind.Slow, ct);
            }
            var faultAt = Stopwatch.StartNew();
            proxy.SetMode(mode);
            env.Log($"{Name}: proxy {mode} for {hold.TotalSeconds:0.0} s");
            await Task.Delay(hold, ct);
            proxy.SetMode(ProxyMode.Pass);
            result.Faults++;
            result.Recoveries.Add(await env.Workload.ProbeAsync(faultAt, ct));
        }
        await burst;
        await stopPolling.CancelAsync();
        await poller;
        var slowest = polls.DefaultIfEmpty().Max();
        env.Log($"{Name}: {polls.Count} polls, slowest {slowest.TotalSeconds:0.0} s; {env.Workload.FailedCalls} submissions retried");
        result.SlowestCall = slowest;
        var bound = ApiNode.RequestTimeout - TimeSpan.FromSeconds(1);
        if (slowest >= bound || env.Workload.Calls.Any(c => c >= bound))
        {
            result.Problems.Add($"an HTTP request hung: slowest poll {slowest.TotalSeconds:0.0} s, slowest submission {env.Workload.Calls.Max().TotalSeconds:0.0} s");
        }
    }

    private static async Task PollAsync(ChaosEnvironment env, ApiNode node, ConcurrentQueue<TimeSpan> polls, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var call = Stopwatch.StartNew();
            try
            {
                var submitted = env.Workload.Submitted;
                if (submitted.Count > 0)
                {
                    await node.Client.GetTaskAsync(submitted[^1].Id, CancellationToken.None);
                }
                using var ready = await node.Client.Http.GetAsync(new Uri("/health/ready", UriKind.Relative), CancellationToken.None);
            }
            catch (Exception)
            {
                // An error answer is an answer; only the time matters here.
            }
            polls.Enqueue(call.Elapsed);
            try
            {
                await Task.Delay(250, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
