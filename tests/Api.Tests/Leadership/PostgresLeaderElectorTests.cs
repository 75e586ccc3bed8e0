using Npgsql;
using Overseer.Api.StateMachine;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Testing;

namespace Overseer.Api.Tests.Leadership;

public sealed class PostgresLeaderElectorTests : IAsyncLifetime
{
    private readonly StateHarness _db = new();

    public ValueTask InitializeAsync() => _db.InitializeAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Only_one_of_two_replicas_leads_and_renewing_keeps_the_term()
    {
        var a = _db.Elector("a");
        var b = _db.Elector("b");

        await a.RunOnceAsync(CancellationToken.None);
        await b.RunOnceAsync(CancellationToken.None);
        var term = a.Current!.Term;
        await a.RunOnceAsync(CancellationToken.None);

        Assert.NotNull(a.Current);
        Assert.Null(b.Current);
        Assert.Equal(term, a.Current.Term);
    }

    [Fact]
    public async Task Released_lease_is_taken_over_at_once_with_a_higher_term()
    {
        var a = _db.Elector("a");
        var b = _db.Elector("b");
        await a.RunOnceAsync(CancellationToken.None);
        var first = a.Current!.Term;

        await a.StopAsync(CancellationToken.None);
        await b.RunOnceAsync(CancellationToken.None);

        Assert.Null(a.Current);
        Assert.True(b.Current!.Term > first);
    }

    [Fact]
    public async Task Paused_leader_whose_lease_expired_loses_it_and_its_writes_are_rejected()
    {
        var a = _db.Elector("a");
        var b = _db.Elector("b");
        await a.RunOnceAsync(CancellationToken.None);
        var oldFence = a.Current!;
        await _db.SubmitAsync();
        var key = (await _db.ClaimAsync()).Single().Key;

        // a is paused (SIGSTOP) past its lease: nothing renews it, b takes over.
        await _db.ExecuteAsync("UPDATE leader_leases SET expires_at = now() - interval '1 second'");
        await b.RunOnceAsync(CancellationToken.None);
        await Assert.ThrowsAsync<NotLeaderException>(() => _db.ApplyAsync(new AttemptChange(key) { Outcome = AttemptOutcome.Lost("stale reaper") }, oldFence));
        await a.RunOnceAsync(CancellationToken.None);

        Assert.NotNull(b.Current);
        Assert.True(b.Current.Term > oldFence.Term);
        Assert.Null(a.Current);
        Assert.Equal("Dispatching", await _db.StateOfAsync(key.TaskId));
    }

    [Fact]
    public async Task Leader_that_cannot_renew_steps_down_before_its_lease_expires()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var slowDb = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_db.ConnectionString) { CommandTimeout = 1 }.ConnectionString);
        var a = _db.Elector("a", time, slowDb);
        await a.RunOnceAsync(CancellationToken.None);
        Assert.NotNull(a.Current);

        // The database stops answering the renewal (the lease row is locked by someone else).
        await using var blocker = await _db.Db.OpenConnectionAsync();
        await using var tx = await blocker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT * FROM leader_leases FOR UPDATE", blocker, tx))
        {
            await lockRow.ExecuteNonQueryAsync();
        }
        time.Advance(TimeSpan.FromSeconds(5));
        await a.RunOnceAsync(CancellationToken.None);
        Assert.NotNull(a.Current);
        time.Advance(TimeSpan.FromSeconds(6));
        await a.RunOnceAsync(CancellationToken.None);

        Assert.Null(a.Current);
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task Every_term_is_recorded_once_and_terms_never_overlap()
    {
        var electors = Enumerable.Range(0, 3).Select(i => _db.Elector($"e{i}")).ToList();
        for (var round = 0; round < 3; round++)
        {
            foreach (var e in electors)
            {
                await e.RunOnceAsync(CancellationToken.None);
            }
            await Task.WhenAll(electors.Select(e => e.StopAsync(CancellationToken.None)));
        }

        await using var connection = await _db.Db.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*), count(DISTINCT term), max(term) FROM leader_terms", connection);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(3L, reader.GetInt64(0));
        Assert.Equal(3L, reader.GetInt64(1));
        Assert.Equal(3L, reader.GetInt64(2));
    }
}
