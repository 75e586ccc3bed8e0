using Microsoft.Extensions.DependencyInjection;
using Overseer.Api.Queues;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Queues;
using Overseer.Testing;

namespace Overseer.Api.Tests.Queues;

/// <summary>Leases: expiry returns items, reclaim gets a new token, and a stale token can neither ack nor extend (fencing).</summary>
public sealed class LeaseTests(QueueApiApplication app) : IClassFixture<QueueApiApplication>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Expired_lease_returns_the_item_and_the_reclaim_fences_out_the_old_holder()
    {
        await app.DefineExternalAsync("expiring", leaseSeconds: 1);
        var id = await app.Queues().EnqueueAsync("expiring", QueueTesting.Item("x"));
        var slow = await app.RuntimeAsync("expiring");
        var fast = await app.RuntimeAsync("expiring");

        var lost = Assert.Single((await slow.ClaimAsync(1)).Items);
        Assert.Empty((await fast.ClaimAsync(1)).Items);
        // The leader's expiry loop (every 0.2 s here) puts the item back once the lease ends.
        ClaimedItem? reclaimed = null;
        await Eventually.TrueAsync(async () => (reclaimed = (await fast.ClaimAsync(1)).Items.SingleOrDefault()) is not null, Wait, "the expired item to be claimable again");
        var staleAck = await slow.AckAsync([new LeaseRef(id, lost.LeaseToken)]);
        var staleExtend = await slow.ExtendAsync([new LeaseRef(id, lost.LeaseToken)]);
        var (state, attempts, error) = await app.ItemRowAsync(id);
        var goodAck = await fast.AckAsync([new LeaseRef(id, reclaimed!.LeaseToken)]);

        Assert.NotEqual(lost.LeaseToken, reclaimed.LeaseToken);
        Assert.Equal(2, reclaimed.Attempt);
        Assert.Equal([id], staleAck.Stale);
        Assert.Empty(staleAck.Acked);
        Assert.Equal([id], staleExtend.Lost);
        Assert.Equal(("claimed", 2), (state, attempts));
        Assert.Contains("lease expired during attempt 1", error, StringComparison.Ordinal);
        Assert.Equal([id], goodAck.Acked);
        Assert.Equal("done", (await app.ItemRowAsync(id)).State);
    }

    [Fact]
    public async Task Stale_ack_is_answered_409_and_changes_nothing()
    {
        await app.DefineExternalAsync("stale-409");
        var id = await app.Queues().EnqueueAsync("stale-409", QueueTesting.Item("x"));
        var runtime = await app.RuntimeAsync("stale-409");
        Assert.Single((await runtime.ClaimAsync(1)).Items);

        using var response = await runtime.AckRawAsync(id, Guid.NewGuid());

        Assert.Equal(System.Net.HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("\"stale\":[" + id + "]", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("claimed", (await app.ItemRowAsync(id)).State);
    }

    [Fact]
    public async Task Extend_keeps_an_item_past_its_original_lease()
    {
        await app.DefineExternalAsync("extending", leaseSeconds: 2);
        var id = await app.Queues().EnqueueAsync("extending", QueueTesting.Item("x"));
        var holder = await app.RuntimeAsync("extending");
        var claimed = Assert.Single((await holder.ClaimAsync(1)).Items);

        var renewals = new List<DateTimeOffset>();
        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(0.8));
            renewals.Add(Assert.Single((await holder.ExtendAsync([new LeaseRef(id, claimed.LeaseToken)])).Extended).LeaseExpiresAt);
            await app.Services.GetRequiredService<LeaseExpiryService>().RunOnceAsync(CancellationToken.None);
        }

        Assert.True(renewals[^1] > claimed.LeaseExpiresAt.AddSeconds(1), $"{renewals[^1]:O} should be well past {claimed.LeaseExpiresAt:O}");
        Assert.Equal([id], (await holder.AckAsync([new LeaseRef(id, claimed.LeaseToken)])).Acked);
    }

    [Fact]
    public async Task Repeated_ack_with_the_same_token_counts_as_acked()
    {
        await app.DefineExternalAsync("ack-twice");
        var id = await app.Queues().EnqueueAsync("ack-twice", QueueTesting.Item("x"));
        var runtime = await app.RuntimeAsync("ack-twice");
        var claimed = Assert.Single((await runtime.ClaimAsync(1)).Items);

        var first = await runtime.AckAsync([new LeaseRef(id, claimed.LeaseToken)]);
        var second = await runtime.AckAsync([new LeaseRef(id, claimed.LeaseToken)]);

        Assert.Equal([id], first.Acked);
        Assert.Equal([id], second.Acked);
        Assert.Empty(second.Stale);
    }

    [Fact]
    public async Task Release_gives_the_item_back_at_once_without_spending_an_attempt()
    {
        await app.DefineExternalAsync("releasing", maxAttempts: 1);
        var id = await app.Queues().EnqueueAsync("releasing", QueueTesting.Item("x"));
        var runtime = await app.RuntimeAsync("releasing");
        var claimed = Assert.Single((await runtime.ClaimAsync(1)).Items);

        var released = await runtime.ReleaseAsync([new LeaseRef(id, claimed.LeaseToken)]);
        var again = Assert.Single((await runtime.ClaimAsync(1)).Items);

        Assert.Equal([id], released.Released);
        Assert.Equal(1, again.Attempt);
    }

    [Fact]
    public async Task Ack_piggybacked_on_a_claim_commits_with_it()
    {
        await app.DefineExternalAsync("piggyback");
        var ids = (await app.Queues().EnqueueAsync("piggyback", [QueueTesting.Item(1), QueueTesting.Item(2)])).Ids;
        var runtime = await app.RuntimeAsync("piggyback");
        var first = Assert.Single((await runtime.ClaimAsync(1)).Items);

        var next = await runtime.ClaimAsync(1, [new LeaseRef(first.Id, first.LeaseToken)]);
        var stale = await runtime.ClaimAsync(0, [new LeaseRef(ids[1], Guid.NewGuid())]);

        Assert.Equal([ids[0]], next.Acked);
        Assert.Equal(ids[1], Assert.Single(next.Items).Id);
        Assert.Equal("done", (await app.ItemRowAsync(ids[0])).State);
        Assert.Equal([ids[1]], stale.Stale);
        Assert.Empty(stale.Items);
    }
}
