using System.Diagnostics;
using System.Globalization;
using Overseer.Contracts.Faults;
using Overseer.Chaos.Report;
using Overseer.Chaos.Workload;

namespace Overseer.Chaos.Scenarios;

/// <summary>
/// Scenario 1: during a burst, the Api dies at each crash point in turn (armed for one run with a seeded draw), then by
/// kill -9 at random moments; after each death it is started again and a probe task times the recovery.
/// </summary>
public sealed class ApiCrashScenario : Scenario
{
    private static readonly string[] Points =
        [CrashPoints.BeforeResultCommit, CrashPoints.AfterClaimCommit, CrashPoints.AfterResultCommit, CrashPoints.AfterJobCreate];

    /// <inheritdoc />
    public override string Name => "api-crash";

    /// <inheritdoc />
    protected override async Task RunFaultsAsync(ChaosEnvironment env, ScenarioResult result, CancellationToken ct)
    {
        var node = env.Nodes[0];
        var burst = env.Workload.BurstAsync(env.Settings.Tasks, Workload.Workload.Succeeding, TimeSpan.FromMilliseconds(150 * env.Settings.Tasks), ct);
        var pending = new List<Task>();
        for (var i = 0; i < env.Settings.Faults; i++)
        {
            var faultAt = Stopwatch.StartNew();
            if (i < Points.Length)
            {
                var point = Points[i];
                // Restarting with the point armed is itself a kill -9.
                env.Kill(node);
                result.Faults++;
                var listening = await node.StartAsync(new Dictionary<string, string?>
                {
                    [CrashPoints.Variable] = $"{point}:0.5",
                    [CrashPoints.SeedVariable] = (env.Settings.Seed + i).ToString(CultureInfo.InvariantCulture),
                });
                env.FaultedPids[node.Pid] = true;
                // Work for the armed process, in case the burst is over; not awaited, as the process may die under it.
                for (var extra = 0; extra < 3; extra++)
                {
                    pending.Add(env.Workload.SubmitAsync(TaskKind.Quick, ct));
                }
                faultAt.Restart();
                var died = !listening || await node.WaitForExitAsync(TimeSpan.FromSeconds(30), ct);
                if (died && node.Output.Contains($"crash point '{point}'", StringComparison.Ordinal))
                {
                    env.Log($"{Name}: crash point {point} hit");
                    faultAt.Restart();
                }
                else
                {
                    result.Problems.Add($"crash point {point} armed at 0.5 was not hit within 30 s (exited: {died})");
                    env.Kill(node);
                }
            }
            else
            {
                await Task.Delay(env.Draw(300, 2500), ct);
                faultAt.Restart();
                env.Kill(node);
            }
            result.Faults++;
            await node.StartAsync();
            result.Recoveries.Add(await env.Workload.ProbeAsync(faultAt, ct));
        }
        await burst;
        await Task.WhenAll(pending);
    }
}
