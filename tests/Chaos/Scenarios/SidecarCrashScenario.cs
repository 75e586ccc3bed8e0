using System.Diagnostics;
using Overseer.Chaos.Faults;
using Overseer.Chaos.Report;
using Overseer.Chaos.Workload;
using Overseer.Contracts.Faults;

namespace Overseer.Chaos.Scenarios;

/// <summary>
/// Scenario 5: local attempts post their results to the shared sidecar, which dies (a) at its crash point after it
/// accepted a result and before it relayed it, (b) at its crash point after the Api recorded a result and before the
/// sidecar forgot it, (c) by kill -9 at seeded moments, and (d) by kill -9 while the fault proxy between it and the Api
/// blackholes every connection (results accepted during the partition are still undelivered). Each time it is started
/// again on the same spool, as AppHost's supervisor does. Every succeeded task's result must be recorded exactly once.
/// </summary>
public sealed class SidecarCrashScenario : Scenario
{
    private static readonly TaskKind[] Mix = [TaskKind.Reporting, TaskKind.Reporting, TaskKind.Quick];

    /// <inheritdoc />
    public override string Name => "sidecar-crash";

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string?>? SidecarSettings => new Dictionary<string, string?>();

    /// <inheritdoc />
    protected override async Task RunFaultsAsync(ChaosEnvironment env, ScenarioResult result, CancellationToken ct)
    {
        var sidecar = env.Sidecar!;
        var burst = env.Workload.BurstAsync(env.Settings.Tasks, Mix, TimeSpan.FromMilliseconds(250 * env.Settings.Tasks), ct);
        for (var i = 0; i < env.Settings.Faults; i++)
        {
            await Task.Delay(env.Draw(200, 1200), ct);
            Stopwatch faultAt;
            if (i % 4 == 2)
            {
                faultAt = Stopwatch.StartNew();
                sidecar.Kill();
                result.Faults++;
                await Task.Delay(env.Draw(200, 1000), ct);
            }
            else if (i % 4 == 3)
            {
                env.SidecarProxy!.SetMode(ProxyMode.Blackhole);
                await env.Workload.SubmitAsync(TaskKind.Reporting, ct);
                await Task.Delay(env.Draw(4000, 6000), ct);
                faultAt = Stopwatch.StartNew();
                sidecar.Kill();
                result.Faults += 2;
                env.Log($"{Name}: the sidecar was killed while cut off from the Api ({sidecar.Spooled} results spooled)");
                await sidecar.StartAsync();
                await Task.Delay(env.Draw(500, 1500), ct);
                env.SidecarProxy.SetMode(ProxyMode.Pass);
                result.Recoveries.Add(await RelayedProbeAsync(env, faultAt, ct));
                continue;
            }
            else
            {
                var point = i % 4 == 0 ? CrashPoints.SidecarBeforeRelay : CrashPoints.SidecarAfterRelay;
                // Arming takes a restart: that kill -9 is a fault of its own.
                sidecar.Kill();
                result.Faults++;
                var started = await sidecar.StartAsync(new Dictionary<string, string?> { [CrashPoints.Variable] = point });
                if (started && !await DiesAsync(env, sidecar.WaitForExitAsync, ct))
                {
                    result.Problems.Add($"the sidecar never reached its crash point '{point}'");
                    continue;
                }
                faultAt = Stopwatch.StartNew();
                result.Faults++;
                env.Log($"{Name}: the sidecar died at '{point}'");
            }
            await sidecar.StartAsync();
            result.Recoveries.Add(await RelayedProbeAsync(env, faultAt, ct));
        }
        await burst;
    }

    /// <summary>Waits for the armed sidecar to die, submitting Reporting tasks while nothing reaches it; false after a minute.</summary>
    private static async Task<bool> DiesAsync(ChaosEnvironment env, Func<TimeSpan, CancellationToken, Task<bool>> waitForExit, CancellationToken ct)
    {
        for (var round = 0; round < 12; round++)
        {
            if (await waitForExit(TimeSpan.FromSeconds(5), ct))
            {
                return true;
            }
            await env.Workload.SubmitAsync(TaskKind.Reporting, ct);
        }
        return false;
    }

    /// <summary>Submits a Reporting task and answers when its result was recorded: the time from <paramref name="faultAt"/>.</summary>
    internal static async Task<TimeSpan> RelayedProbeAsync(ChaosEnvironment env, Stopwatch faultAt, CancellationToken ct)
    {
        var probe = await env.Workload.SubmitAsync(TaskKind.Reporting, ct);
        await Testing.Eventually.TrueAsync(async () =>
        {
            await using var db = new Npgsql.NpgsqlConnection(env.Postgres.ConnectionString);
            return await Dapper.SqlMapper.ExecuteScalarAsync<int>(db, new Dapper.CommandDefinition(
                "SELECT count(*) FROM attempt_results WHERE task_id = @id", new { id = probe.Id }, cancellationToken: ct)) > 0;
        }, TimeSpan.FromSeconds(120), $"the result of probe {probe.Id} recorded");
        return faultAt.Elapsed;
    }
}
