using System.Diagnostics;
using System.Globalization;
using Overseer.Chaos.Report;
using Overseer.Chaos.Workload;
using Overseer.ServiceDefaults;
using Overseer.Testing;

namespace Overseer.Chaos.Scenarios;

/// <summary>
/// Scenario 7: the sidecar's clock is 7 minutes ahead (outside the 5-minute window of signed requests), and the Api's
/// wall clock jumps during the burst: 15 minutes ahead (past every heartbeat deadline and the reaper's cutoff), back,
/// 10 minutes behind, and so on. Nothing may be marked lost, and every succeeded task's result must be recorded.
/// </summary>
public sealed class ClockSkewScenario : Scenario
{
    private static readonly TaskKind[] Mix = [TaskKind.Reporting, TaskKind.Reporting, TaskKind.Slow, TaskKind.Quick];
    private static readonly int[] Jumps = [900, 0, -600, 1800, 0];
    private readonly string _dir = TestDirectories.Create("chaos-clock");

    /// <inheritdoc />
    public override string Name => "clock-skew";

    private string OffsetFile => Path.Combine(_dir, "api-clock-offset");

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string?>? SidecarSettings => new Dictionary<string, string?>
    {
        [SkewedClock.OffsetVariable] = "420",
    };

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string?> NodeSettings => new Dictionary<string, string?>
    {
        [SkewedClock.OffsetFileVariable] = OffsetFile,
    };

    /// <inheritdoc />
    protected override async Task RunFaultsAsync(ChaosEnvironment env, ScenarioResult result, CancellationToken ct)
    {
        try
        {
            var burst = env.Workload.BurstAsync(env.Settings.Tasks, Mix, TimeSpan.FromMilliseconds(250 * env.Settings.Tasks), ct);
            // The skewed sidecar is a fault from the start; the first result it relays shows it was mended.
            result.Faults++;
            result.Recoveries.Add(await SidecarCrashScenario.RelayedProbeAsync(env, Stopwatch.StartNew(), ct));
            for (var i = 0; i < env.Settings.Faults; i++)
            {
                await Task.Delay(env.Draw(300, 1500), ct);
                var seconds = Jumps[i % Jumps.Length];
                await File.WriteAllTextAsync(OffsetFile, seconds.ToString(CultureInfo.InvariantCulture), ct);
                var faultAt = Stopwatch.StartNew();
                result.Faults++;
                env.Log($"{Name}: the Api's clock jumped to {seconds:+0;-0;0} s");
                result.Recoveries.Add(await SidecarCrashScenario.RelayedProbeAsync(env, faultAt, ct));
            }
            await burst;
        }
        finally
        {
            TestDirectories.Delete(_dir);
        }
    }
}
