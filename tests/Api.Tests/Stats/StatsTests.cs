using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Overseer.Api.Stats;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Client;
using Overseer.Contracts.Stats;
using Overseer.Contracts.Tasks;
using Overseer.Testing;

namespace Overseer.Api.Tests.Stats;

public sealed class StatsTests(ApiApplication app) : IClassFixture<ApiApplication>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly OverseerClient _client = app.AdminClient();

    [Fact]
    public async Task Counters_equal_a_full_count_through_successes_failures_retries_cancels_and_workflows_before_and_after_folding()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await _client.SubmitTaskAsync(new TaskSpec { Name = $"ok-{i}", Command = ["true"] })).Id);
        }
        ids.Add((await _client.SubmitTaskAsync(new TaskSpec { Name = "fails", Command = ["sh", "-c", "exit 3"] })).Id);
        ids.Add((await _client.SubmitTaskAsync(new TaskSpec
        {
            Name = "retried", Command = ["false"], Retries = 1, Backoff = new BackoffSpec { InitialSeconds = 0 },
        })).Id);
        var sleeper = await _client.SubmitTaskAsync(new TaskSpec { Name = "sleeper", Command = ["sleep", "30"] });
        await Eventually.TrueAsync(async () => (await _client.GetTaskAsync(sleeper.Id)).State == TaskState.Running, Wait, "sleeper running");
        await _client.CancelTaskAsync(sleeper.Id);
        ids.Add(sleeper.Id);
        var run = await _client.SubmitWorkflowAsync("""
            apiVersion: overseer.dev/v1
            kind: Workflow
            metadata: {name: counted}
            spec:
              groups:
                - name: a
                  jobs: [{name: first, command: [sh, -c, "exit 1"]}, {name: second, command: ["true"]}]
            """);
        foreach (var id in ids)
        {
            await _client.WaitForTerminalAsync(id, Wait);
        }
        await _client.WaitForWorkflowAsync(run.Id!.Value, Wait);

        await AssertCountersMatchAsync();
        Assert.True(await app.Services.GetRequiredService<StatsStore>().CompactAsync(TimeSpan.FromDays(1), CancellationToken.None));
        await AssertCountersMatchAsync();
        await using var connection = await app.Database.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM task_count_deltas"));
    }

    [Fact]
    public async Task Last_hour_counts_submissions_endings_and_failure_types_and_lists_recent_failures()
    {
        var before = await _client.GetStatsAsync();
        var ok = await _client.SubmitTaskAsync(new TaskSpec { Name = "minute-ok", Command = ["true"] });
        var bad = await _client.SubmitTaskAsync(new TaskSpec { Name = "minute-bad", Command = ["sh", "-c", "exit 7"] });
        await _client.WaitForTerminalAsync(ok.Id, Wait);
        await _client.WaitForTerminalAsync(bad.Id, Wait);

        var after = await _client.GetStatsAsync();

        Assert.Equal(60, after.LastHour.Count);
        Assert.True(after.LastHour[^1].Minute <= after.Now && after.Now < after.LastHour[^1].Minute.AddMinutes(1));
        Assert.Equal(Sum(before, m => m.Submitted) + 2, Sum(after, m => m.Submitted));
        Assert.Equal(Sum(before, m => m.Succeeded) + 1, Sum(after, m => m.Succeeded));
        Assert.Equal(Sum(before, m => m.Failed) + 1, Sum(after, m => m.Failed));
        Assert.Equal(Failures(before) + 1, Failures(after));
        var failure = after.RecentFailures[0];
        Assert.Equal((bad.Id, TaskState.Failed, FailureType.Application, 7), (failure.Id, failure.State, failure.FailureType, failure.ExitCode));
    }

    [Fact]
    public async Task Running_workflows_are_counted_until_they_end()
    {
        var before = (await _client.GetStatsAsync()).RunningWorkflows;
        var run = await _client.SubmitWorkflowAsync("""
            apiVersion: overseer.dev/v1
            kind: Workflow
            metadata: {name: long}
            spec:
              groups: [{name: g, jobs: [{name: wait, command: [sleep, "30"]}]}]
            """);

        Assert.Equal(before + 1, (await _client.GetStatsAsync()).RunningWorkflows);
        await _client.CancelWorkflowAsync(run.Id!.Value);
        await _client.WaitForWorkflowAsync(run.Id!.Value, Wait);
        Assert.Equal(before, (await _client.GetStatsAsync()).RunningWorkflows);
    }

    [Fact]
    public async Task Counters_follow_multi_row_statements_where_only_some_rows_change_state_and_deletes()
    {
        await using (var connection = await app.Database.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("""
                INSERT INTO tasks (id, name, kind, state, spec, retries)
                SELECT gen_random_uuid(), 'sql-' || g, 'pool', 'Pending', '{"name": "x", "command": ["true"]}', 0 FROM generate_series(1, 3) g;
                UPDATE tasks SET state = CASE WHEN name = 'sql-1' THEN 'Skipped' ELSE state END,
                                 finished_at = CASE WHEN name = 'sql-1' THEN now() END, reason = 'touched'
                WHERE name IN ('sql-1', 'sql-2');
                DELETE FROM tasks WHERE name = 'sql-3';
                """);
        }

        await AssertCountersMatchAsync();
        var counts = (await _client.GetStatsAsync()).Counts.Where(c => c.Kind == "pool").ToDictionary(c => c.State, c => c.Count);
        Assert.Equal(new Dictionary<TaskState, long> { [TaskState.Pending] = 1, [TaskState.Skipped] = 1 }, counts);
    }

    private async Task AssertCountersMatchAsync()
    {
        await using var connection = await app.Database.OpenConnectionAsync();
        var truth = (await connection.QueryAsync<(string Kind, string State, long N)>("SELECT kind, state, count(*) FROM tasks GROUP BY 1, 2"))
            .Select(r => (r.Kind, Enum.Parse<TaskState>(r.State), r.N)).OrderBy(r => r.Kind).ThenBy(r => r.Item2).ToList();
        var counters = (await _client.GetStatsAsync()).Counts.Select(c => (c.Kind, c.State, c.Count)).OrderBy(r => r.Kind).ThenBy(r => r.State).ToList();
        Assert.Equal(truth, counters);
    }

    private static long Sum(StatsDto stats, Func<MinuteStatsDto, long> metric) => stats.LastHour.Sum(metric);

    private static long Failures(StatsDto stats) =>
        stats.FailuresLastHour.Where(f => f.Type == FailureType.Application).Sum(f => f.Count);
}
