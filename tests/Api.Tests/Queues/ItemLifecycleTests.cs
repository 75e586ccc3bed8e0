using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Client;
using Overseer.Contracts.Queues;

namespace Overseer.Api.Tests.Queues;

/// <summary>Dead-lettering, dedup keys, priorities and runAt, through the HTTP API and the runtime protocol.</summary>
public sealed class ItemLifecycleTests(QueueApiApplication app) : IClassFixture<QueueApiApplication>
{
    [Fact]
    public async Task Item_goes_dead_with_its_last_error_when_attempts_are_used_up_and_is_copied_to_the_dead_letter_queue()
    {
        await app.DefineExternalAsync("dlq-target");
        await app.DefineExternalAsync("dying", maxAttempts: 2, deadLetter: "dlq-target");
        var runtime = await app.RuntimeAsync("dying");
        var id = await app.Queues().EnqueueAsync("dying", QueueTesting.Item(new { n = 7 }));

        var first = Assert.Single((await runtime.ClaimAsync(1)).Items);
        var retried = await runtime.NackAsync([new NackItem { Id = id, LeaseToken = first.LeaseToken, Error = "boom 1" }]);
        var second = Assert.Single((await runtime.ClaimAsync(1)).Items);
        var died = await runtime.NackAsync([new NackItem { Id = id, LeaseToken = second.LeaseToken, Error = "boom 2" }]);

        Assert.Equal([id], retried.Retried);
        Assert.Equal(2, second.Attempt);
        Assert.Equal([id], died.Dead);
        Assert.Equal(("dead", 2, "boom 2"), await app.ItemRowAsync(id));
        Assert.Empty((await runtime.ClaimAsync(1)).Items);
        var copy = Assert.Single(await app.Queues().ListItemsAsync("dlq-target"));
        Assert.Equal(id, copy.DeadLetterOf);
        Assert.Equal(7, copy.Payload.GetProperty("n").GetInt32());
        Assert.Equal("available", copy.State);
        var stats = (await app.Queues().GetAsync("dying")).Stats;
        Assert.Equal((0L, 0L, 0L, 1L, 1L), (stats.Available, stats.Claimed, stats.Done, stats.Dead, stats.DeadLastMinute));
    }

    [Fact]
    public async Task Dead_item_requeued_is_claimable_again_with_its_attempts_reset_and_anything_else_is_refused()
    {
        await app.DefineExternalAsync("requeue", maxAttempts: 1);
        var runtime = await app.RuntimeAsync("requeue");
        var queues = app.Queues();
        var id = await queues.EnqueueAsync("requeue", QueueTesting.Item(new { n = 1 }, dedupKey: "only"));
        var claimed = Assert.Single((await runtime.ClaimAsync(1)).Items);
        await runtime.NackAsync([new NackItem { Id = id, LeaseToken = claimed.LeaseToken, Error = "boom" }]);
        var live = await queues.EnqueueAsync("requeue", QueueTesting.Item(new { n = 2 }));

        var notDead = await Assert.ThrowsAsync<OverseerApiException>(() => queues.RequeueAsync("requeue", live));
        var unknownItem = await Assert.ThrowsAsync<OverseerApiException>(() => queues.RequeueAsync("requeue", live + 1000));
        var unknownQueue = await Assert.ThrowsAsync<OverseerApiException>(() => queues.RequeueAsync("no-such-queue", id));
        var reader = await Assert.ThrowsAsync<OverseerApiException>(async () =>
            await new QueuesClient(app.CreateAuthorizedClient((await app.AdminClient().CreateTokenAsync(new("reader", ["read"]))).Token))
                .RequeueAsync("requeue", id));
        var requeued = await queues.RequeueAsync("requeue", id);

        Assert.Equal((System.Net.HttpStatusCode.Conflict, System.Net.HttpStatusCode.NotFound, System.Net.HttpStatusCode.NotFound, System.Net.HttpStatusCode.Forbidden),
            (notDead.StatusCode, unknownItem.StatusCode, unknownQueue.StatusCode, reader.StatusCode));
        Assert.Contains("only dead items", notDead.Message, StringComparison.Ordinal);
        Assert.Equal(("available", 0, "boom"), (requeued.State, requeued.Attempts, requeued.LastError));
        Assert.Equal(("available", 0, "boom"), await app.ItemRowAsync(id));
        var again = await runtime.ClaimAsync(2);
        Assert.Contains(again.Items, i => i.Id == id && i.Attempt == 1);
        var stats = (await queues.GetAsync("requeue")).Stats;
        Assert.Equal((0L, 2L), (stats.Dead, stats.Claimed));
    }

    [Fact]
    public async Task Dead_item_whose_dedup_key_is_live_again_is_not_requeued()
    {
        await app.DefineExternalAsync("requeue-dedup", maxAttempts: 1);
        var runtime = await app.RuntimeAsync("requeue-dedup");
        var queues = app.Queues();
        var id = await queues.EnqueueAsync("requeue-dedup", QueueTesting.Item(1, dedupKey: "k"));
        var claimed = Assert.Single((await runtime.ClaimAsync(1)).Items);
        await runtime.NackAsync([new NackItem { Id = id, LeaseToken = claimed.LeaseToken, Error = "boom" }]);
        await queues.EnqueueAsync("requeue-dedup", QueueTesting.Item(2, dedupKey: "k"));

        var refused = await Assert.ThrowsAsync<OverseerApiException>(() => queues.RequeueAsync("requeue-dedup", id));

        Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("dedupKey", refused.Message, StringComparison.Ordinal);
        Assert.Equal(("dead", 1, "boom"), await app.ItemRowAsync(id));
    }

    [Fact]
    public async Task Nack_delay_keeps_the_item_from_being_claimed_until_it_passes()
    {
        await app.DefineExternalAsync("nack-delay");
        var runtime = await app.RuntimeAsync("nack-delay");
        var id = await app.Queues().EnqueueAsync("nack-delay", QueueTesting.Item(1));
        var claimed = Assert.Single((await runtime.ClaimAsync(1)).Items);

        await runtime.NackAsync([new NackItem { Id = id, LeaseToken = claimed.LeaseToken, RetryInSeconds = 1.5, Error = "later" }]);

        Assert.Empty((await runtime.ClaimAsync(1)).Items);
        await Testing.Eventually.TrueAsync(async () => (await runtime.ClaimAsync(1)).Items.Count == 1, TimeSpan.FromSeconds(10), "the nacked item to be due again");
    }

    [Fact]
    public async Task Second_enqueue_with_a_live_dedup_key_returns_the_existing_item()
    {
        await app.DefineExternalAsync("dedup");
        var queues = app.Queues();
        var first = await queues.EnqueueAsync("dedup", [QueueTesting.Item("a", dedupKey: "k1")]);
        var again = await queues.EnqueueAsync("dedup", [QueueTesting.Item("b", dedupKey: "k1"), QueueTesting.Item("c", dedupKey: "k2"), QueueTesting.Item("d", dedupKey: "k2")]);

        Assert.Equal(first.Ids[0], again.Ids[0]);
        Assert.Equal(again.Ids[1], again.Ids[2]);
        Assert.Equal([0, 2], again.Deduplicated);
        Assert.Equal(2, (await queues.GetAsync("dedup")).Stats.Available);

        // Once the item is done, the key is free again.
        var runtime = await app.RuntimeAsync("dedup");
        var claimed = (await runtime.ClaimAsync(10)).Items;
        await runtime.AckAsync([.. claimed.Select(c => new LeaseRef(c.Id, c.LeaseToken))]);
        var fresh = await queues.EnqueueAsync("dedup", [QueueTesting.Item("e", dedupKey: "k1")]);
        Assert.NotEqual(first.Ids[0], fresh.Ids[0]);
        Assert.Empty(fresh.Deduplicated);
    }

    [Fact]
    public async Task Claims_take_higher_priority_first_then_oldest()
    {
        await app.DefineExternalAsync("priorities");
        var ids = (await app.Queues().EnqueueAsync("priorities",
        [
            QueueTesting.Item("low", priority: -5), QueueTesting.Item("normal-1"), QueueTesting.Item("high", priority: 10), QueueTesting.Item("normal-2"),
        ])).Ids;
        var runtime = await app.RuntimeAsync("priorities");

        var order = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            order.Add(Assert.Single((await runtime.ClaimAsync(1)).Items).Id);
        }
        var batch = await app.Queues().EnqueueAsync("priorities", [QueueTesting.Item("x"), QueueTesting.Item("y", priority: 1)]);
        var both = (await runtime.ClaimAsync(5)).Items;

        Assert.Equal([ids[2], ids[1], ids[3], ids[0]], order);
        Assert.Equal([batch.Ids[1], batch.Ids[0]], both.Select(i => i.Id));
    }

    [Fact]
    public async Task Item_with_a_future_runAt_is_not_claimed_before_it()
    {
        await app.DefineExternalAsync("scheduled");
        var runtime = await app.RuntimeAsync("scheduled");
        var later = await app.Queues().EnqueueAsync("scheduled", QueueTesting.Item("later", runAt: DateTimeOffset.UtcNow.AddSeconds(2)));
        var now = await app.Queues().EnqueueAsync("scheduled", QueueTesting.Item("now", priority: -1));

        Assert.Equal(now, Assert.Single((await runtime.ClaimAsync(5)).Items).Id);
        Assert.Empty((await runtime.ClaimAsync(5)).Items);
        var queue = await app.Queues().GetAsync("scheduled");
        Assert.Equal(1, queue.Stats.Available);
        Assert.Null(queue.Stats.OldestAvailableAgeSeconds);
        await Testing.Eventually.TrueAsync(async () => (await runtime.ClaimAsync(5)).Items.SingleOrDefault()?.Id == later,
            TimeSpan.FromSeconds(10), "the scheduled item once its runAt passed");
    }

    [Fact]
    public async Task Paused_queue_answers_no_claims_until_resumed()
    {
        await app.DefineExternalAsync("pausing");
        var runtime = await app.RuntimeAsync("pausing");
        await app.Queues().EnqueueAsync("pausing", QueueTesting.Item(1));

        var paused = await app.Queues().PauseAsync("pausing");
        var whilePaused = await runtime.ClaimAsync(1);
        var resumed = await app.Queues().ResumeAsync("pausing");

        Assert.True(paused.Paused);
        Assert.Empty(whilePaused.Items);
        Assert.False(resumed.Paused);
        Assert.Single((await runtime.ClaimAsync(1)).Items);
    }
}
