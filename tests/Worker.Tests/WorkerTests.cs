using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Overseer.Contracts.Client;
using Overseer.Contracts.Queues;
using Overseer.Testing;

namespace Overseer.Worker.Tests;

/// <summary>The Worker as a real process: runs the command per item, acks, nacks, extends, stops cleanly on SIGTERM, exits when idle.</summary>
public sealed class WorkerTests(WorkerApiApplication app) : IClassFixture<WorkerApiApplication>, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _dir = TestDirectories.Create("worker");

    public void Dispose() => TestDirectories.Delete(_dir);

    [Fact]
    public async Task Runs_each_item_with_its_payload_on_stdin_acks_it_and_exits_when_the_queue_stays_empty()
    {
        var token = await app.QueueAsync("basic");
        var ids = (await app.Queues().EnqueueAsync("basic", [.. Enumerable.Range(0, 3).Select(n => Item(new { n }))])).Ids;

        await using var worker = WorkerProcess.Start(app, "basic", token,
            ["sh", "-c", $"{{ echo \"$OVERSEER_ITEM_ID $OVERSEER_ITEM_ATTEMPT ${{OVERSEER_QUEUE_TOKEN:-no-token}}\"; cat; }} > {_dir}/$OVERSEER_ITEM_ID"],
            new Dictionary<string, string?> { ["OVERSEER_BATCH_SIZE"] = "2" });
        var exit = await worker.WaitForExitAsync(Wait);

        Assert.True(exit == WorkerExitCodes.Drained, worker.Output);
        foreach (var (id, n) in ids.Select((id, n) => (id, n)))
        {
            Assert.Equal($"{id} 1 no-token\n{{\"n\":{n}}}", await File.ReadAllTextAsync(Path.Combine(_dir, id.ToString())));
        }
        Assert.Equal(3, (await app.Queues().GetAsync("basic")).Stats.Done);
        Assert.Contains("empty for 1s; exiting (3 item(s) done, 0 failed)", worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_item_is_nacked_with_backoff_and_its_stderr_kept_as_the_error()
    {
        var token = await app.QueueAsync("flaky");
        var id = await app.Queues().EnqueueAsync("flaky", Item("x"));

        await using var worker = WorkerProcess.Start(app, "flaky", token,
            ["sh", "-c", "if [ \"$OVERSEER_ITEM_ATTEMPT\" -lt 2 ]; then echo boom >&2; exit 5; fi; date +%s.%N > " + _dir + "/second"],
            new Dictionary<string, string?> { ["OVERSEER_RETRY_DELAY"] = "1s", ["OVERSEER_IDLE_TIMEOUT"] = "3s" });
        var started = Stopwatch.StartNew();
        var exit = await worker.WaitForExitAsync(Wait);

        Assert.True(exit == WorkerExitCodes.Drained, worker.Output);
        var (state, attempts, error) = await RowAsync(id);
        Assert.Equal(("done", 2), (state, attempts));
        Assert.Equal("exited 5: boom", error);
        Assert.Contains("retry in 1s", worker.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "second")));
        Assert.True(started.Elapsed > TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Item_that_outlives_its_lease_is_kept_by_extending_it()
    {
        var token = await app.QueueAsync("long-items", leaseSeconds: 2);
        var id = await app.Queues().EnqueueAsync("long-items", Item("x"));
        var thief = new QueueRuntimeClient(Authorized(token), "long-items");

        await using var worker = WorkerProcess.Start(app, "long-items", token, ["sleep", "5"]);
        await Eventually.TrueAsync(async () => (await RowAsync(id)).State == "claimed", Wait, "the worker to claim the item");
        var stolen = 0;
        while (!worker.Process.HasExited)
        {
            stolen += (await thief.ClaimAsync(1)).Items.Count;
            await Task.Delay(250);
        }

        Assert.Equal(0, stolen);
        Assert.Equal(("done", 1), ((await RowAsync(id)).State, (await RowAsync(id)).Attempts));
    }

    [Fact]
    public async Task Sigterm_mid_item_lets_the_item_finish_within_the_grace_period_then_exits()
    {
        var token = await app.QueueAsync("finish-on-term");
        var ids = (await app.Queues().EnqueueAsync("finish-on-term", [Item(1), Item(2)])).Ids;

        await using var worker = WorkerProcess.Start(app, "finish-on-term", token,
            ["sh", "-c", $"touch {_dir}/started-$OVERSEER_ITEM_ID; sleep 1.5; touch {_dir}/finished-$OVERSEER_ITEM_ID"],
            new Dictionary<string, string?> { ["OVERSEER_BATCH_SIZE"] = "2", ["OVERSEER_STOP_GRACE"] = "10s" });
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(_dir, $"started-{ids[0]}")), Wait, "the first item to start");
        WorkerProcess.Terminate(worker);
        var exit = await worker.WaitForExitAsync(Wait);

        Assert.True(exit == WorkerExitCodes.Drained, worker.Output);
        Assert.True(File.Exists(Path.Combine(_dir, $"finished-{ids[0]}")));
        Assert.False(File.Exists(Path.Combine(_dir, $"started-{ids[1]}")));
        Assert.Equal(("done", 1), ((await RowAsync(ids[0])).State, (await RowAsync(ids[0])).Attempts));
        // The second item was claimed with the first but never started: handed back, its attempt not counted.
        Assert.Equal(("available", 0), ((await RowAsync(ids[1])).State, (await RowAsync(ids[1])).Attempts));
    }

    [Fact]
    public async Task Sigterm_mid_item_past_the_grace_period_kills_the_command_and_hands_the_item_back()
    {
        var token = await app.QueueAsync("kill-on-term");
        var id = await app.Queues().EnqueueAsync("kill-on-term", Item(1));
        const string Marker = "sleep 41.321";

        await using var worker = WorkerProcess.Start(app, "kill-on-term", token, ["sh", "-c", $"touch {_dir}/started; exec {Marker}"],
            new Dictionary<string, string?> { ["OVERSEER_STOP_GRACE"] = "1s" });
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(_dir, "started")), Wait, "the item to start");
        var clock = Stopwatch.StartNew();
        WorkerProcess.Terminate(worker);
        var exit = await worker.WaitForExitAsync(Wait);

        Assert.True(exit == WorkerExitCodes.Drained, worker.Output);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.Equal(("available", 0), ((await RowAsync(id)).State, (await RowAsync(id)).Attempts));
        Assert.Empty(ProcessTable.WithCommandLineContaining(Marker));
        Assert.Contains("1 item(s) handed back", worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_that_cannot_start_makes_the_worker_exit_3_before_claiming()
    {
        var token = await app.QueueAsync("no-command");
        var id = await app.Queues().EnqueueAsync("no-command", Item(1));

        await using var worker = WorkerProcess.Start(app, "no-command", token, ["/nonexistent/handler"]);
        var exit = await worker.WaitForExitAsync(Wait);

        Assert.Equal(WorkerExitCodes.CommandNotStartable, exit);
        Assert.Equal(("available", 0), ((await RowAsync(id)).State, (await RowAsync(id)).Attempts));
    }

    [Fact]
    public async Task Refused_credential_makes_the_worker_exit_4()
    {
        await app.QueueAsync("refused");

        await using var worker = WorkerProcess.Start(app, "refused", "ovq_revoked-or-made-up", ["true"]);
        var exit = await worker.WaitForExitAsync(Wait);

        Assert.True(exit == WorkerExitCodes.CredentialRefused, worker.Output);
    }

    [Fact]
    public async Task Missing_settings_make_the_worker_exit_2_naming_each()
    {
        await using var worker = WorkerProcess.Start(app, "any", "token", ["true"],
            new Dictionary<string, string?> { ["OVERSEER_API_URL"] = null, ["OVERSEER_IDLE_TIMEOUT"] = "5x" });
        var exit = await worker.WaitForExitAsync(Wait);
        await Task.Delay(100);

        Assert.Equal(WorkerExitCodes.Misconfigured, exit);
        Assert.Contains("OVERSEER_API_URL is not set", worker.Output, StringComparison.Ordinal);
        Assert.Contains("OVERSEER_IDLE_TIMEOUT", worker.Output, StringComparison.Ordinal);
    }

    private static EnqueueItem Item(object payload) => new() { Payload = JsonSerializer.SerializeToElement(payload) };

    private HttpClient Authorized(string token)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private async Task<(string State, int Attempts, string? Error)> RowAsync(long id)
    {
        await using var connection = await app.Database.OpenConnectionAsync();
        return await connection.QuerySingleAsync<(string, int, string?)>("SELECT state, attempts, last_error FROM queue_items WHERE id = @id", new { id });
    }
}
