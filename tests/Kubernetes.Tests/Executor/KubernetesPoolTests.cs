using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Overseer.Contracts.Client;
using Overseer.Contracts.Queues;
using Overseer.Contracts.Tasks;
using Overseer.KubeSim.Store;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.Executor;

/// <summary>Queue pools on the Kubernetes executor: one work-queue Job of runtime pods per pool, with real Worker processes in KubeSim.</summary>
public sealed class KubernetesPoolTests(KubernetesApi kube) : IClassFixture<KubernetesApi>, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    private readonly string _out = TestDirectories.Create("kube-pool-out");

    public void Dispose() => TestDirectories.Delete(_out);

    private QueuesClient Queues => new(new HttpClient
    {
        BaseAddress = kube.Client.Http.BaseAddress,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", KubernetesApi.Token) },
    });

    private static EnqueueItem Item(object payload) => new() { Payload = JsonSerializer.SerializeToElement(payload) };

    private async Task<QueueDto> WaitForAsync(string queue, Func<QueueDto, bool> condition, string what)
    {
        QueueDto? last = null;
        await Eventually.TrueAsync(async () => condition(last = await Queues.GetAsync(queue)), Wait, $"{what} (last: {last?.Pool.State} {last?.Pool.Reason})");
        return last!;
    }

    private JsonObject JobOf(Guid taskId) => kube.Sim.Cluster.Store.List(ResourceKinds.Jobs, "default").Items.Select(o => o.Node)
        .Single(j => (string?)j["metadata"]?["labels"]?["overseer.dev/task-id"] == taskId.ToString());

    private string PoolLog() => string.Join('\n', kube.Api.Process.Output.Split('\n').Where(l => l.Contains("pool", StringComparison.OrdinalIgnoreCase)));

    [Fact]
    public async Task Worker_pool_is_one_work_queue_job_whose_pods_drain_the_queue()
    {
        await Queues.DefineAsync("kdrain", new QueueSpec
        {
            Command = ["sh", "-c", "cat > \"$OUT/$OVERSEER_ITEM_ID.json\""],
            Env = new Dictionary<string, string> { ["OUT"] = _out },
            Parallelism = 2,
            BatchSize = 2,
            IdleTimeout = "1s",
            WaitTimeAfterSuccessfulRun = "5m",
        });
        var ids = (await Queues.EnqueueAsync("kdrain", [.. Enumerable.Range(0, 6).Select(n => Item(new { n }))])).Ids;

        var started = await WaitForAsync("kdrain", q => q.Pool.TaskId is not null, "a pool to start");
        var poolId = started.Pool.TaskId!.Value;
        var waiting = await WaitForAsync("kdrain", q => q.Pool.State == "waiting", "the wait after success");

        var pool = await kube.Client.WaitForTerminalAsync(poolId, Wait);
        Assert.True(pool.State == TaskState.Succeeded, $"{pool.State}: {pool.Reason}\n{await kube.Client.GetLogsAsync(poolId)}");
        Assert.Equal("kubernetes", pool.Attempts.Single().Executor);
        Assert.Equal(6, waiting.Stats.Done);
        Assert.StartsWith("waiting 5m", waiting.Pool.Reason, StringComparison.Ordinal);
        foreach (var (id, n) in ids.Select((id, n) => (id, n)))
        {
            Assert.Equal($$"""{"n":{{n}}}""", await File.ReadAllTextAsync(Path.Combine(_out, $"{id}.json")));
        }

        var job = JobOf(poolId);
        Assert.Equal("runtime", (string?)job["metadata"]?["labels"]?["app.kubernetes.io/component"]);
        Assert.Equal(2, (int?)job["spec"]?["parallelism"]);
        Assert.Null(job["spec"]?["completions"]);
        var runner = job["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single(c => (string?)c?["name"] == "runner")!;
        Assert.Equal("overseer/worker:latest", (string?)runner["image"]);
        Assert.Null(runner["command"]);
        Assert.Equal("--", (string?)runner["args"]?[0]);
        var env = runner["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => (string?)e!["value"]);
        Assert.Equal("kdrain", env["OVERSEER_QUEUE"]);
        Assert.StartsWith(kube.Client.Http.BaseAddress!.ToString().TrimEnd('/'), env["OVERSEER_API_URL"], StringComparison.Ordinal);
        Assert.False(env.ContainsKey("OVERSEER_PARENT_PID"));
        Assert.Contains("127.0.0.1", env["NO_PROXY"], StringComparison.Ordinal);
        // The pool's credential is scoped to this queue and ended with the pool.
        var runtime = new QueueRuntimeClient(new HttpClient
        {
            BaseAddress = kube.Client.Http.BaseAddress,
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", env["OVERSEER_QUEUE_TOKEN"]) },
        }, "kdrain");
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                await runtime.ClaimAsync(1);
                return false;
            }
            catch (OverseerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                return true;
            }
        }, TimeSpan.FromSeconds(15), "the ended pool's credential refused");
    }

    [Fact]
    public async Task Runtime_exiting_non_zero_fails_the_job_and_the_queue_waits_after_a_failed_run()
    {
        await Queues.DefineAsync("kcrash", new QueueSpec
        {
            Runtime = "command", Image = "busybox:1.36", Command = ["sh", "-c", "echo runtime broke >&2; exit 7"], WaitTimeAfterFailedRun = "5m",
        });
        var item = (await Queues.EnqueueAsync("kcrash", [Item(1)])).Ids.Single();

        var waiting = await WaitForAsync("kcrash", q => q.Pool.State == "waiting", "the wait after a failed run");
        var pool = await kube.Client.GetTaskAsync(waiting.Pool.LastPoolTaskId!.Value);

        Assert.StartsWith("waiting 5m after a failed run", waiting.Pool.Reason, StringComparison.Ordinal);
        Assert.Equal((TaskState.Failed, 7), (pool.State, pool.Attempts.Single().ExitCode));
        Assert.Contains("runtime broke", await kube.Client.GetLogsAsync(pool.Id), StringComparison.Ordinal);
        var runner = JobOf(pool.Id)["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal(("busybox:1.36", "sh"), ((string?)runner["image"], (string?)runner["command"]?[0]));
        Assert.Equal("available", (await Queues.ListItemsAsync("kcrash")).Single(i => i.Id == item).State);
    }

    [Fact]
    public async Task Running_pool_job_grows_with_the_queue()
    {
        await Queues.DefineAsync("kgrow", new QueueSpec
        {
            Command = ["sh", "-c", "sleep 1"],
            Parallelism = 1,
            MaxParallelism = 3,
            ItemsPerPod = 2,
            IdleTimeout = "2s",
        });
        await Queues.EnqueueAsync("kgrow", [Item(0), Item(1)]);
        var poolId = (await WaitForAsync("kgrow", q => q.Pool.TaskId is not null, "a pool to start")).Pool.TaskId!.Value;
        await Eventually.TrueAsync(() => kube.Sim.Cluster.Store.List(ResourceKinds.Jobs, "default").Items
            .Any(j => (string?)j.Node["metadata"]?["labels"]?["overseer.dev/task-id"] == poolId.ToString()), Wait, "the pool's Job");
        Assert.Equal(1, (int?)JobOf(poolId)["spec"]?["parallelism"]);

        await Queues.EnqueueAsync("kgrow", [.. Enumerable.Range(2, 10).Select(n => Item(n))]);

        await Eventually.TrueAsync(() => (int?)JobOf(poolId)["spec"]?["parallelism"] == 3, Wait,
            () => $"the Job's parallelism raised to 3; the Api said:\n{PoolLog()}");
        await WaitForAsync("kgrow", q => q.Stats.Done == 12, "every item done");
        Assert.Equal(TaskState.Succeeded, (await kube.Client.WaitForTerminalAsync(poolId, Wait)).State);
    }
}
