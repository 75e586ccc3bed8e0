using System.Diagnostics;
using Overseer.Chaos.Cluster;
using Overseer.Chaos.Report;

namespace Overseer.Chaos.Scenarios;

/// <summary>
/// Scenario 2: during a burst, PostgreSQL is restarted with <c>-m immediate</c> (crash recovery on start) and the Api's
/// connections are killed with <c>pg_terminate_backend</c>, alternately, at seeded moments. The Api is never touched, so
/// none of its attempts may be marked Lost.
/// </summary>
public sealed class PostgresRestartScenario : Scenario
{
    /// <inheritdoc />
    public override string Name => "postgres-restart";

    /// <inheritdoc />
    protected override async Task RunFaultsAsync(ChaosEnvironment env, ScenarioResult result, CancellationToken ct)
    {
        var burst = env.Workload.BurstAsync(env.Settings.Tasks, Workload.Workload.Succeeding, TimeSpan.FromMilliseconds(120 * env.Settings.Tasks), ct);
        for (var i = 0; i < env.Settings.Faults; i++)
        {
            await Task.Delay(env.Draw(300, 2500), ct);
            var faultAt = Stopwatch.StartNew();
            if (i % 2 == 0)
            {
                await env.Postgres.RestartImmediateAsync(ct);
                env.Log($"{Name}: PostgreSQL restarted (-m immediate) in {faultAt.Elapsed.TotalSeconds:0.0} s");
            }
            else
            {
                var killed = await env.Postgres.TerminateBackendsAsync(ApiNode.ApplicationName, ct);
                env.Log($"{Name}: pg_terminate_backend on {killed} Api connections");
            }
            result.Faults++;
            result.Recoveries.Add(await env.Workload.ProbeAsync(faultAt, ct));
        }
        await burst;
    }
}
