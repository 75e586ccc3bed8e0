using Overseer.Contracts.Queues;
using Overseer.Contracts.Tasks;
using Overseer.Testing;

namespace Overseer.Api.Tests.Queues;

/// <summary>A pool that cannot start in time (here: no free executor slot) is stopped, and the queue waits after the timeout.</summary>
public sealed class PoolStartTimeoutTests(SingleSlotQueueApiApplication app) : IClassFixture<SingleSlotQueueApiApplication>
{
    [Fact]
    public async Task Pool_that_misses_its_start_timeout_is_cancelled_and_the_queue_waits_after_timeout()
    {
        var client = app.AdminClient();
        var blocker = await client.SubmitTaskAsync(new TaskSpec { Name = "slot-holder", Command = ["sleep", "60"], TimeoutSeconds = 120 });
        await Eventually.TrueAsync(async () => (await client.GetTaskAsync(blocker.Id)).State == TaskState.Running, TimeSpan.FromSeconds(20), "the slot holder to run");
        await app.Queues().DefineAsync("starved", new QueueSpec { Command = ["true"], JobStartTimeout = "1s", WaitTimeAfterTimeout = "45s" });

        await app.Queues().EnqueueAsync("starved", QueueTesting.Item(1));
        QueueDto? waiting = null;
        await Eventually.TrueAsync(async () => (waiting = await app.Queues().GetAsync("starved")).Pool.State == "waiting", TimeSpan.FromSeconds(20),
            "the wait after the start timeout");
        var pool = await client.GetTaskAsync(waiting!.Pool.LastPoolTaskId!.Value);
        await client.CancelTaskAsync(blocker.Id);

        Assert.StartsWith("waiting 45s after a start timeout", waiting.Pool.Reason, StringComparison.Ordinal);
        Assert.Contains("did not start within 1s", waiting.Pool.Reason, StringComparison.Ordinal);
        Assert.Equal(TaskState.Cancelled, pool.State);
        Assert.Empty(pool.Attempts);
        Assert.Equal(1, waiting.Stats.Available);
    }
}
