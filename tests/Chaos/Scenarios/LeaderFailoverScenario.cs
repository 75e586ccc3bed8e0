using System.Diagnostics;
using Dapper;
using Npgsql;
using Overseer.Chaos.Cluster;
using Overseer.Chaos.Report;

namespace Overseer.Chaos.Scenarios;

/// <summary>
/// Scenario 8: two Api replicas share the database; during a burst the leader is alternately killed (then started
/// again as a follower) and paused with SIGSTOP past its lease (then resumed). Recovery is the time until the other
/// replica holds a new term and a probe finished. The checker adds: no fenced write after the next term was granted.
/// </summary>
public sealed class LeaderFailoverScenario : Scenario
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(6);

    /// <inheritdoc />
    public override string Name => "leader-failover";

    /// <inheritdoc />
    protected override int NodeCount => 2;

    /// <inheritdoc />
    protected override async Task RunFaultsAsync(ChaosEnvironment env, ScenarioResult result, CancellationToken ct)
    {
        var burst = env.Workload.BurstAsync(env.Settings.Tasks, Workload.Workload.Succeeding, TimeSpan.FromMilliseconds(200 * env.Settings.Tasks), ct);
        for (var i = 0; i < env.Settings.Faults; i++)
        {
            await Task.Delay(env.Draw(500, 2000), ct);
            var (leader, term) = await LeaderAsync(env, ct);
            var other = env.Nodes.Single(n => n != leader);
            var faultAt = Stopwatch.StartNew();
            if (i % 2 == 0)
            {
                env.Kill(leader);
            }
            else
            {
                env.FaultedPids[leader.Pid] = true;
                leader.Pause();
                env.Log($"{Name}: {leader.Name} (pid {leader.Pid}, term {term}) paused");
            }
            result.Faults++;
            await Testing.Eventually.TrueAsync(async () => await HolderAsync(env, ct) is { } h && h.Term > term && Owns(other, h.Holder),
                TimeSpan.FromSeconds(60), $"{other.Name} taking over from term {term}");
            if (i % 2 == 0)
            {
                await leader.StartAsync();
            }
            else
            {
                await Task.Delay(Pause - faultAt.Elapsed > TimeSpan.Zero ? Pause - faultAt.Elapsed : TimeSpan.Zero, ct);
                leader.Resume();
                env.Log($"{Name}: {leader.Name} resumed");
            }
            result.Recoveries.Add(await env.Workload.ProbeAsync(faultAt, ct));
        }
        await burst;
    }

    private static bool Owns(ApiNode node, string holder) => holder.Contains($"/{node.Pid}/", StringComparison.Ordinal);

    private static async Task<(ApiNode Leader, long Term)> LeaderAsync(ChaosEnvironment env, CancellationToken ct)
    {
        (ApiNode, long)? found = null;
        await Testing.Eventually.TrueAsync(async () =>
        {
            if (await HolderAsync(env, ct) is { } h && env.Nodes.FirstOrDefault(n => n.IsRunning && Owns(n, h.Holder)) is { } node)
            {
                found = (node, h.Term);
            }
            return found is not null;
        }, TimeSpan.FromSeconds(60), "a leader");
        return found!.Value;
    }

    private static async Task<(string Holder, long Term)?> HolderAsync(ChaosEnvironment env, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(env.Postgres.ConnectionString);
        var row = await db.QuerySingleOrDefaultAsync<(string?, long)>(new CommandDefinition(
            "SELECT holder, term FROM leader_leases WHERE name = 'overseer' AND expires_at > now()", cancellationToken: ct));
        return row.Item1 is null ? null : (row.Item1, row.Item2);
    }
}
