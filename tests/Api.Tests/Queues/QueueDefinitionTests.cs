using System.Net;
using Dapper;
using Overseer.Contracts.Client;
using Overseer.Contracts.Queues;

namespace Overseer.Api.Tests.Queues;

/// <summary>Defining, reading, listing, pausing and deleting queues.</summary>
public sealed class QueueDefinitionTests(QueueApiApplication app) : IClassFixture<QueueApiApplication>
{
    [Fact]
    public async Task Definition_is_stored_with_defaults_and_durations_in_canonical_form()
    {
        var queues = app.Queues();
        using var created = await queues.Http.PutAsync("api/v1/queues/defaults",
            System.Net.Http.Json.JsonContent.Create(new QueueSpec { Command = ["true"], JobStartTimeout = "90s", WaitTimeAfterError = "1h30m" }, QueuesJson.Lenient.QueueSpec));
        using var replaced = await queues.Http.PutAsync("api/v1/queues/defaults",
            System.Net.Http.Json.JsonContent.Create(new QueueSpec { Command = ["true"], Parallelism = 3 }, QueuesJson.Lenient.QueueSpec));
        var stored = await queues.GetAsync("defaults");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(QueueDefaults.WorkerRuntime, stored.Spec.Runtime);
        Assert.Equal((3, 3, 100, 5, 60), (stored.Spec.Parallelism, stored.Spec.MaxParallelism, stored.Spec.ItemsPerPod, stored.Spec.MaxAttempts, stored.Spec.LeaseSeconds));
        Assert.Equal(("55s", "1m", "5s", "15s"), (stored.Spec.QueueCheckInterval, stored.Spec.JobStartTimeout, stored.Spec.WaitTimeAfterSuccessfulRun, stored.Spec.WaitTimeAfterError));
        var first = await queues.DefineAsync("canonical", new QueueSpec { Runtime = "external", JobStartTimeout = "90s", WaitTimeAfterError = "1h30m" });
        Assert.Equal(("1m30s", "1h30m"), (first.Spec.JobStartTimeout, first.Spec.WaitTimeAfterError));
    }

    [Fact]
    public async Task Get_and_list_report_depth_by_state_age_and_throughput()
    {
        await app.DefineExternalAsync("stats");
        var queues = app.Queues();
        var ids = (await queues.EnqueueAsync("stats", [.. Enumerable.Range(0, 6).Select(n => QueueTesting.Item(n))])).Ids;
        var runtime = await app.RuntimeAsync("stats");
        var claimed = (await runtime.ClaimAsync(3)).Items;
        await runtime.AckAsync([new LeaseRef(claimed[0].Id, claimed[0].LeaseToken), new LeaseRef(claimed[1].Id, claimed[1].LeaseToken)]);
        await using (var connection = await app.Database.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("UPDATE queue_items SET run_at = now() - interval '42 seconds' WHERE id = @id", new { id = ids[5] });
        }

        var stats = (await queues.GetAsync("stats")).Stats;
        var listed = Assert.Single(await queues.ListAsync(), q => q.Name == "stats");

        Assert.Equal((3L, 1L, 2L, 0L), (stats.Available, stats.Claimed, stats.Done, stats.Dead));
        Assert.InRange(stats.OldestAvailableAgeSeconds!.Value, 41, 60);
        Assert.Equal(2, stats.DoneLastMinute);
        Assert.Equal(stats with { OldestAvailableAgeSeconds = null }, listed.Stats with { OldestAvailableAgeSeconds = null });
        Assert.Equal("external", listed.Pool.State);
    }

    [Fact]
    public async Task Delete_is_refused_while_items_are_claimed_unless_forced()
    {
        await app.DefineExternalAsync("doomed");
        await app.Queues().EnqueueAsync("doomed", [QueueTesting.Item(1), QueueTesting.Item(2)]);
        var runtime = await app.RuntimeAsync("doomed");
        Assert.Single((await runtime.ClaimAsync(1)).Items);

        var refused = await Assert.ThrowsAsync<OverseerApiException>(() => app.Queues().DeleteAsync("doomed"));
        var survived = await app.Queues().GetAsync("doomed");
        await app.Queues().DeleteAsync("doomed", force: true);
        var gone = await Assert.ThrowsAsync<OverseerApiException>(() => app.Queues().GetAsync("doomed"));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("force=true", refused.Problem?.Detail, StringComparison.Ordinal);
        Assert.Equal((1L, 1L), (survived.Stats.Available, survived.Stats.Claimed));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await using var connection = await app.Database.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM queue_items WHERE queue = 'doomed'"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM queue_tokens WHERE queue = 'doomed'"));
    }

    [Fact]
    public async Task Delete_without_claimed_items_needs_no_force()
    {
        await app.DefineExternalAsync("idle-delete");
        await app.Queues().EnqueueAsync("idle-delete", QueueTesting.Item(1));

        await app.Queues().DeleteAsync("idle-delete");

        Assert.DoesNotContain(await app.Queues().ListAsync(), q => q.Name == "idle-delete");
    }

    [Fact]
    public async Task Paused_worker_queue_says_so_and_starts_no_pool()
    {
        await app.Queues().DefineAsync("paused-worker", new QueueSpec { Command = ["true"] });
        await app.Queues().PauseAsync("paused-worker");
        await app.Queues().EnqueueAsync("paused-worker", QueueTesting.Item(1));
        await Task.Delay(TimeSpan.FromSeconds(1));

        var queue = await app.Queues().GetAsync("paused-worker");

        Assert.Equal("paused", queue.Pool.State);
        Assert.Null(queue.Pool.TaskId);
        Assert.Contains("paused", queue.Pool.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_needs_only_read_scope_and_defining_needs_write()
    {
        await app.DefineExternalAsync("scoped");
        var reader = new QueuesClient((await app.ClientWithScopeAsync("read")).Http);

        var read = await reader.GetAsync("scoped");
        var refused = await Assert.ThrowsAsync<OverseerApiException>(() => reader.DefineAsync("scoped", new QueueSpec { Runtime = "external" }));
        var enqueue = await Assert.ThrowsAsync<OverseerApiException>(() => reader.EnqueueAsync("scoped", QueueTesting.Item(1)));

        Assert.Equal("scoped", read.Name);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, enqueue.StatusCode);
    }
}
