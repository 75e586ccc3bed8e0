using System.Diagnostics;
using Dapper;
using Npgsql;
using Overseer.ServiceDefaults.Posix;
using Overseer.Chaos.Report;
using Overseer.Chaos.Workload;

namespace Overseer.Chaos.Scenarios;

/// <summary>
/// Scenario 4: runners that exit non-zero, kill themselves, hang past their timeout or exit 0, plus SIGKILLs of
/// running runners at seeded moments (those tasks have retries). Each task must end in the state its runner earned.
/// </summary>
public sealed class RunnerFailureScenario : Scenario
{
    private static readonly TaskKind[] Mix = [TaskKind.ExitNonZero, TaskKind.SelfKill, TaskKind.Hang, TaskKind.Quick, TaskKind.Slow, TaskKind.Slow];

    /// <inheritdoc />
    public override string Name => "runner-failures";

    /// <inheritdoc />
    protected override int SlowRetries => 2;

    /// <inheritdoc />
    protected override async Task RunFaultsAsync(ChaosEnvironment env, ScenarioResult result, CancellationToken ct)
    {
        var burst = env.Workload.BurstAsync(env.Settings.Tasks, Mix, TimeSpan.FromMilliseconds(100 * env.Settings.Tasks), ct);
        var slow = 0;
        for (var i = 0; i < env.Settings.Faults; i++)
        {
            await Task.Delay(env.Draw(200, 1200), ct);
            var victim = await RunningSlowRunnerAsync(env, ct);
            if (victim is null)
            {
                // Nothing slow runs right now: give the next draw one.
                await env.Workload.SubmitAsync(TaskKind.Slow, ct);
                slow++;
                i--;
                if (slow > 20 * env.Settings.Faults)
                {
                    result.Problems.Add("no Slow runner was ever seen running");
                    break;
                }
                continue;
            }
            var (taskId, pid) = victim.Value;
            env.DisturbedTasks[taskId] = true;
            var faultAt = Stopwatch.StartNew();
            Native.Signal(pid, Native.SigKill);
            env.Log($"{Name}: SIGKILL runner {pid} of task {taskId}");
            result.Faults++;
            result.Recoveries.Add(await env.Workload.ProbeAsync(faultAt, ct));
        }
        await burst;
    }

    private static async Task<(Guid TaskId, int Pid)?> RunningSlowRunnerAsync(ChaosEnvironment env, CancellationToken ct)
    {
        var slow = env.Workload.Submitted.Where(t => t.Kind == TaskKind.Slow && !env.DisturbedTasks.ContainsKey(t.Id)).Select(t => t.Id).ToArray();
        await using var db = new NpgsqlConnection(env.Postgres.ConnectionString);
        var rows = (await db.QueryAsync<(Guid, int)>(new CommandDefinition(
            "SELECT task_id, pid FROM attempts WHERE state = 'Running' AND pid IS NOT NULL AND task_id = ANY(@slow)",
            new { slow }, cancellationToken: ct))).ToList();
        return rows.Count == 0 ? null : rows[env.Random.Next(rows.Count)];
    }
}
