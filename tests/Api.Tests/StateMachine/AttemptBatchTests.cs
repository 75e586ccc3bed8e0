using Dapper;
using Npgsql;
using Overseer.Api.StateMachine;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Tests.StateMachine;

public sealed class AttemptBatchTests : IAsyncLifetime
{
    private readonly StateHarness _db = new();

    public ValueTask InitializeAsync() => _db.InitializeAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Claim_moves_queued_to_dispatching_with_a_new_attempt_and_history()
    {
        var id = await _db.SubmitAsync();

        var claimed = Assert.Single(await _db.ClaimAsync());

        Assert.Equal(new AttemptKey(id, 1), claimed.Key);
        Assert.Equal("Dispatching", await _db.StateOfAsync(id));
        Assert.Equal([(null, "Queued"), ("Queued", "Dispatching")], (await _db.HistoryAsync(id)).Select(h => (h.From, h.To)));
    }

    [Fact]
    public async Task Start_and_end_reported_together_write_one_update_and_two_history_rows()
    {
        var id = await _db.SubmitAsync();
        var key = (await _db.ClaimAsync()).Single().Key;

        var result = Assert.Single(await _db.ApplyAsync(new AttemptChange(key) { StartedAgoMs = 5, Pid = 42, Outcome = AttemptOutcome.Exited(0) }));

        Assert.False(result.Stale);
        Assert.Equal(TaskState.Succeeded, result.TaskState);
        Assert.Equal(["Queued", "Dispatching", "Running", "Succeeded"], (await _db.HistoryAsync(id)).Select(h => h.To));
    }

    [Fact]
    public async Task Outcome_of_an_attempt_that_already_ended_is_stale_and_changes_nothing()
    {
        var id = await _db.SubmitAsync();
        var key = (await _db.ClaimAsync()).Single().Key;
        await _db.ApplyAsync(new AttemptChange(key) { StartedAgoMs = 1, Outcome = AttemptOutcome.Exited(0) });

        var again = Assert.Single(await _db.ApplyAsync(new AttemptChange(key) { Outcome = AttemptOutcome.Exited(1) }));

        Assert.True(again.Stale);
        Assert.Equal("Succeeded", await _db.StateOfAsync(id));
        Assert.Equal(4, (await _db.HistoryAsync(id)).Count);
    }

    [Fact]
    public async Task Outcome_of_an_older_attempt_is_fenced_off_once_a_newer_one_runs()
    {
        var id = await _db.SubmitAsync(retries: 1);
        var first = (await _db.ClaimAsync()).Single().Key;
        await _db.ApplyAsync(new AttemptChange(first) { StartedAgoMs = 1, Outcome = AttemptOutcome.Exited(1) });
        var second = (await _db.ClaimAsync()).Single().Key;

        var late = Assert.Single(await _db.ApplyAsync(new AttemptChange(first) { Outcome = AttemptOutcome.Exited(0) }));

        Assert.Equal(2, second.Attempt);
        Assert.True(late.Stale);
        Assert.Equal("Dispatching", await _db.StateOfAsync(id));
    }

    [Fact]
    public async Task Two_concurrent_outcomes_for_one_attempt_exactly_one_wins()
    {
        for (var round = 0; round < 10; round++)
        {
            var id = await _db.SubmitAsync($"race-{round}");
            var key = (await _db.ClaimAsync()).Single().Key;

            var results = await Task.WhenAll(
                _db.ApplyAsync(new AttemptChange(key) { StartedAgoMs = 1, Outcome = AttemptOutcome.Exited(0) }),
                _db.ApplyAsync(new AttemptChange(key) { StartedAgoMs = 1, Outcome = AttemptOutcome.Cancelled(null) }));

            Assert.Equal(1, results.Count(r => !r.Single().Stale));
            var terminal = (await _db.HistoryAsync(id)).Count(h => Enum.Parse<TaskState>(h.To).IsTerminal());
            Assert.Equal(1, terminal);
        }
    }

    [Fact]
    public async Task Concurrent_claimers_never_get_the_same_task()
    {
        for (var i = 0; i < 60; i++)
        {
            await _db.SubmitAsync($"c-{i}");
        }

        var batches = await Task.WhenAll(Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            var mine = new List<AttemptKey>();
            while (true)
            {
                var claimed = await _db.ClaimAsync(limit: 3, owner: $"claimer-{n}");
                if (claimed.Count == 0)
                {
                    return mine;
                }
                mine.AddRange(claimed.Select(c => c.Key));
            }
        })));

        var all = batches.SelectMany(b => b).ToList();
        Assert.Equal(60, all.Count);
        Assert.Equal(60, all.Select(k => k.TaskId).Distinct().Count());
    }

    [Fact]
    public async Task Claim_skips_tasks_whose_retry_is_not_due_yet()
    {
        var id = await _db.SubmitAsync(retries: 1, backoff: new BackoffSpec { InitialSeconds = 3600, Factor = 1, MaxSeconds = 3600 });
        var key = (await _db.ClaimAsync()).Single().Key;
        await _db.ApplyAsync(new AttemptChange(key) { StartedAgoMs = 1, Outcome = AttemptOutcome.Exited(1) });

        Assert.Empty(await _db.ClaimAsync());
        Assert.Equal("Queued", await _db.StateOfAsync(id));
        var due = await _db.Claims.NextDueAsync(CancellationToken.None);
        Assert.InRange(due!.Value.TotalSeconds, 3500, 4000);
    }

    [Fact]
    public async Task Claim_query_uses_the_partial_claim_index()
    {
        await using var connection = await _db.Db.OpenConnectionAsync();
        await connection.ExecuteAsync("SET enable_seqscan = off");
        var plan = string.Join('\n', await connection.QueryAsync<string>("EXPLAIN " + TaskSql.Claim.Replace("@limit", "10")
            .Replace("@executor", "'local'").Replace("@owner", "'x'").Replace("@ttlSeconds", "30")));

        Assert.Contains("tasks_claim", plan);
        Assert.DoesNotContain("Sort", plan.Split('\n').First(l => l.Contains("Limit", StringComparison.Ordinal) || l.Contains("LockRows", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Database_rejects_a_terminal_state_without_a_finish_time()
    {
        var id = await _db.SubmitAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => _db.ExecuteAsync("UPDATE tasks SET state = 'Succeeded' WHERE id = @id", new { id }));

        Assert.Equal("tasks_terminal_iff_finished", error.ConstraintName);
    }

    [Fact]
    public async Task Database_rejects_a_failed_attempt_without_a_failure_type()
    {
        await _db.SubmitAsync();
        var key = (await _db.ClaimAsync()).Single().Key;

        var error = await Assert.ThrowsAsync<PostgresException>(() => _db.ExecuteAsync(
            "UPDATE attempts SET state = 'Failed', finished_at = now() WHERE task_id = @TaskId AND attempt = @Attempt", key));

        Assert.Equal("attempts_failure_typed", error.ConstraintName);
    }
}
