using Overseer.Contracts.Client;
using Overseer.Contracts.Queues;
using Overseer.Contracts.Tasks;
using Overseer.Testing;

namespace Overseer.Api.Tests.Queues;

/// <summary>The spawner's job-chief lifecycle on the local executor, with real Worker processes draining the queue.</summary>
public sealed class QueueSpawnerTests(KestrelQueueApiApplication app) : IClassFixture<KestrelQueueApiApplication>, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _out = TestDirectories.CreateForTasks("queue-out");

    public void Dispose() => TestDirectories.Delete(_out);

    [Fact]
    public async Task Pool_starts_drains_the_queue_then_waits_after_success_before_the_next()
    {
        var queues = app.Queues();
        await queues.DefineAsync("drain", new QueueSpec
        {
            Command = ["sh", "-c", "cat > \"$OUT/$OVERSEER_ITEM_ID-$OVERSEER_ITEM_ATTEMPT.json\""],
            Env = new Dictionary<string, string> { ["OUT"] = _out },
            Annotations = new Dictionary<string, string> { ["team"] = "maps" },
            Parallelism = 2,
            BatchSize = 2,
            IdleTimeout = "1s",
            WaitTimeAfterSuccessfulRun = "4s",
        });
        var ids = (await queues.EnqueueAsync("drain", [.. Enumerable.Range(0, 5).Select(n => QueueTesting.Item(new { n }))])).Ids;

        var firstPool = (await WaitForAsync("drain", q => q.Pool.TaskId, "a pool to start"))!.Value;
        await WaitForAsync("drain", q => q.Stats.Done == 5 ? q : null, "every item done");
        var waiting = await WaitForAsync("drain", q => q.Pool.State == "waiting" ? q : null, "the wait after success");
        var late = await queues.EnqueueAsync("drain", QueueTesting.Item(new { n = 5 }));
        var duringWait = await queues.GetAsync("drain");
        var secondPool = await WaitForAsync("drain", q => q.Pool.TaskId is { } id && id != firstPool ? id : (Guid?)null, "the next pool after the wait");
        await WaitForAsync("drain", q => q.Stats.Done == 6 ? q : null, "the late item done");

        var pool = await app.AdminClient().GetTaskAsync(firstPool);
        Assert.True(pool.State == TaskState.Succeeded, $"{pool.State}: {pool.Reason}\n{await app.AdminClient().GetLogsAsync(firstPool)}");
        Assert.Equal("pool-drain", pool.Name);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "maps" }, pool.Spec.Annotations);
        Assert.StartsWith("waiting 4s after a successful run", waiting.Pool.Reason, StringComparison.Ordinal);
        Assert.Null(duringWait.Pool.TaskId);
        Assert.Equal("waiting", duringWait.Pool.State);
        Assert.NotEqual(firstPool, secondPool);
        foreach (var (id, n) in ids.Append(late).Select((id, n) => (id, n)))
        {
            Assert.Equal($$"""{"n":{{n}}}""", await File.ReadAllTextAsync(Path.Combine(_out, $"{id}-1.json")));
        }
    }

    [Fact]
    public async Task Worker_command_that_cannot_start_fails_the_pool_and_the_queue_waits_after_error()
    {
        await app.Queues().DefineAsync("broken", new QueueSpec { Command = ["/nonexistent/program"], WaitTimeAfterError = "30s", IdleTimeout = "1s" });
        var id = await app.Queues().EnqueueAsync("broken", QueueTesting.Item(1));

        var pool = (await WaitForAsync("broken", q => q.Pool.TaskId ?? q.Pool.LastPoolTaskId, "a pool to start"))!.Value;
        var waiting = await WaitForAsync("broken", q => q.Pool.State == "waiting" ? q : null, "the wait after error");
        var task = await app.AdminClient().GetTaskAsync(pool);

        Assert.True(waiting.Pool.Reason.StartsWith("waiting 30s after error", StringComparison.Ordinal),
            $"{waiting.Pool.Reason}\n{await app.AdminClient().GetLogsAsync(pool)}");
        Assert.Contains("could not be started", waiting.Pool.Reason, StringComparison.Ordinal);
        Assert.Equal(TaskState.Failed, task.State);
        Assert.Equal(WorkerExitCodes.CommandNotStartable, task.Attempts[^1].ExitCode);
        Assert.Equal(("available", 0), ((await app.ItemRowAsync(id)).State, (await app.ItemRowAsync(id)).Attempts));
        Assert.Equal(pool, waiting.Pool.LastPoolTaskId);
    }

    [Fact]
    public async Task A_command_runtime_with_only_an_image_fails_its_pool_locally_saying_it_needs_a_command()
    {
        await app.Queues().DefineAsync("image-only", new QueueSpec
        {
            Runtime = QueueDefaults.CommandRuntime, Image = "registry.local/drain:3", WaitTimeAfterError = "30s", IdleTimeout = "1s",
        });
        var id = await app.Queues().EnqueueAsync("image-only", QueueTesting.Item(1));

        var pool = (await WaitForAsync("image-only", q => q.Pool.TaskId ?? q.Pool.LastPoolTaskId, "a pool to start"))!.Value;
        await WaitForAsync("image-only", q => q.Pool.State == "waiting" ? q : null, "the wait after error");
        var task = await app.AdminClient().GetTaskAsync(pool);

        Assert.Equal(TaskState.Failed, task.State);
        Assert.Contains("queue 'image-only' needs a command locally", task.Reason, StringComparison.Ordinal);
        Assert.Equal(("available", 0), ((await app.ItemRowAsync(id)).State, (await app.ItemRowAsync(id)).Attempts));
    }

    [Fact]
    public async Task Runtime_that_exits_non_zero_is_a_failed_run()
    {
        await app.Queues().DefineAsync("crashing", new QueueSpec { Runtime = "command", Command = ["sh", "-c", "exit 7"], WaitTimeAfterFailedRun = "30s" });
        await app.Queues().EnqueueAsync("crashing", QueueTesting.Item(1));

        var waiting = await WaitForAsync("crashing", q => q.Pool.State == "waiting" ? q : null, "the wait after a failed run");

        Assert.StartsWith("waiting 30s after a failed run", waiting.Pool.Reason, StringComparison.Ordinal);
        Assert.Contains("exited 7", waiting.Pool.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_pool_grows_with_depth_up_to_max_parallelism()
    {
        const string Marker = "sleep 37.123";
        await app.Queues().DefineAsync("growing", new QueueSpec
        {
            Runtime = "command", Command = ["sh", "-c", "exec " + Marker], Parallelism = 1, MaxParallelism = 3, ItemsPerPod = 2,
        });
        await app.Queues().EnqueueAsync("growing", QueueTesting.Item(0));
        var pool = await WaitForAsync("growing", q => q.Pool.State == "running" ? q.Pool.TaskId : null, "the pool to run");
        var before = ProcessTable.WithCommandLineContaining(Marker).Count;

        await app.Queues().EnqueueAsync("growing", [.. Enumerable.Range(1, 9).Select(n => QueueTesting.Item(n))]);
        await WaitForAsync("growing", q => q.Pool.Parallelism == 3 ? q : null, "the target to reach 3");
        await Eventually.TrueAsync(() => ProcessTable.WithCommandLineContaining(Marker).Count == 3, Wait, "3 pool processes");
        await app.AdminClient().CancelTaskAsync(pool!.Value);
        await Eventually.TrueAsync(() => ProcessTable.WithCommandLineContaining(Marker).Count == 0, Wait, "the pool's processes to stop");

        Assert.Equal(1, before);
        Assert.Equal(TaskState.Cancelled, (await app.AdminClient().WaitForTerminalAsync(pool.Value, Wait)).State);
    }

    private async Task<T> WaitForAsync<T>(string queue, Func<QueueDto, T?> probe, string what)
    {
        T? found = default;
        QueueDto? last = null;
        try
        {
            await Eventually.TrueAsync(async () => (found = probe(last = await app.Queues().GetAsync(queue))) is not null, Wait, what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last seen: {last?.Pool} {last?.Stats}", e);
        }
        return found!;
    }
}
