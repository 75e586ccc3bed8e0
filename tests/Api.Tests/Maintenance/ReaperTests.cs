using Overseer.Api.Maintenance;
using Overseer.Api.StateMachine;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Tasks;
using Overseer.Testing;

namespace Overseer.Api.Tests.Maintenance;

public sealed class ReaperTests : IAsyncLifetime
{
    private readonly StateHarness _db = new();

    public ValueTask InitializeAsync() => _db.InitializeAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private async Task ExpireAsync(AttemptKey key) =>
        await _db.ExecuteAsync("UPDATE attempts SET heartbeat_deadline = now() - interval '1 second' WHERE task_id = @TaskId AND attempt = @Attempt", key);

    [Fact]
    public async Task Attempt_without_heartbeats_is_marked_lost_and_retried_on_the_infrastructure_budget()
    {
        var elector = _db.Elector("leader");
        await elector.RunOnceAsync(CancellationToken.None);
        var id = await _db.SubmitAsync(retries: 0);
        var key = (await _db.ClaimAsync(owner: "vanished-executor")).Single().Key;
        await _db.ApplyAsync(new AttemptChange(key) { StartedAgoMs = 1, Pid = 99999 });
        await ExpireAsync(key);

        var reaped = await _db.Reaper(elector).RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, reaped);
        Assert.Equal("Queued", await _db.StateOfAsync(id));
        var last = (await _db.HistoryAsync(id))[^1];
        Assert.Equal(("Running", "Queued", "reaper", elector.Current!.Term), (last.From, last.To, last.Actor, last.Term));
        var retried = Assert.Single(await _db.ClaimAsync());
        Assert.Equal(2, retried.Key.Attempt);
    }

    [Fact]
    public async Task On_a_fresh_term_expired_attempts_get_one_grace_period_to_renew_before_they_are_reaped()
    {
        var elector = _db.Elector("leader");
        await elector.RunOnceAsync(CancellationToken.None);
        var id = await _db.SubmitAsync(retries: 0);
        var key = (await _db.ClaimAsync(owner: "executor-cut-off-with-the-old-leader")).Single().Key;
        await ExpireAsync(key);
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var reaper = _db.Reaper(elector, new ReaperOptions { OutageGrace = TimeSpan.FromSeconds(10) }, time);

        Assert.Equal(0, await reaper.RunOnceAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, await reaper.RunOnceAsync(CancellationToken.None));
        Assert.Equal("Dispatching", await _db.StateOfAsync(id));
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(1, await reaper.RunOnceAsync(CancellationToken.None));
        Assert.Equal("Queued", await _db.StateOfAsync(id));
    }

    [Fact]
    public async Task Live_attempts_with_fresh_heartbeats_are_left_alone()
    {
        var elector = _db.Elector("leader");
        await elector.RunOnceAsync(CancellationToken.None);
        var id = await _db.SubmitAsync();
        await _db.ClaimAsync();

        Assert.Equal(0, await _db.Reaper(elector).RunOnceAsync(CancellationToken.None));
        Assert.Equal("Dispatching", await _db.StateOfAsync(id));
    }

    [Fact]
    public async Task Task_lost_more_often_than_its_infrastructure_budget_ends_lost()
    {
        var elector = _db.Elector("leader");
        await elector.RunOnceAsync(CancellationToken.None);
        var reaper = _db.Reaper(elector);
        var id = await _db.SubmitAsync(retries: 5);
        for (var i = 0; i < 4; i++)
        {
            var key = (await _db.ClaimAsync()).Single().Key;
            await ExpireAsync(key);
            await reaper.RunOnceAsync(CancellationToken.None);
        }

        Assert.Equal("Lost", await _db.StateOfAsync(id));
        Assert.Empty(await _db.ClaimAsync());
    }

    [Fact]
    public async Task Lost_attempt_of_a_task_being_cancelled_ends_cancelled()
    {
        var elector = _db.Elector("leader");
        await elector.RunOnceAsync(CancellationToken.None);
        var id = await _db.SubmitAsync(retries: 3);
        var key = (await _db.ClaimAsync()).Single().Key;
        await _db.Tasks.CancelAsync(id, "test", CancellationToken.None);
        await ExpireAsync(key);

        await _db.Reaper(elector).RunOnceAsync(CancellationToken.None);

        Assert.Equal("Cancelled", await _db.StateOfAsync(id));
    }

    [Fact]
    public async Task Reaper_does_nothing_on_a_replica_that_is_not_the_leader()
    {
        var leader = _db.Elector("leader");
        var follower = _db.Elector("follower");
        await leader.RunOnceAsync(CancellationToken.None);
        await follower.RunOnceAsync(CancellationToken.None);
        var id = await _db.SubmitAsync();
        var key = (await _db.ClaimAsync()).Single().Key;
        await ExpireAsync(key);

        Assert.Null(follower.Current);
        Assert.Equal(0, await _db.Reaper(follower).RunOnceAsync(CancellationToken.None));
        Assert.Equal("Dispatching", await _db.StateOfAsync(id));
    }
}
