// 2,000 tasks (command `true`) through the Kubernetes executor against KubeSim, in one invocation.
// Usage: bench/kube/run.sh [--tasks 2000] [--qps 50]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Npgsql;
using Overseer.AppHost.Postgres;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.KubeSim.Hosting;
using Overseer.KubeSim.Kubelet;
using Overseer.KubeSim.Store;

var tasks = Arg("--tasks", 2000);
var qps = Arg("--qps", 50);
var apiDll = System.Reflection.Assembly.GetEntryAssembly()!.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "ApiDll").Value!;
var dir = Path.Combine("/tmp", $"overseer-kubebench-{Guid.NewGuid():N}"[..32]);
Directory.CreateDirectory(dir);
File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores; tasks {tasks}; client QPS {qps}; sidecar image mapped to `sleep`");

await using var pg = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDir = dir }, CancellationToken.None);
var images = new ImageMap().Add(new ImageMapping("overseer/sidecar", ["sleep", "3600"]));
await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions { Images = images, WorkRoot = Path.Combine(dir, "pods") }, l => l.SetMinimumLevel(LogLevel.Warning));
var kubeconfig = Path.Combine(dir, "kubeconfig");
sim.WriteKubeconfig(kubeconfig);
const string token = "bench-admin-token-0123456789abcdef";
var port = FreePort.Pick();
var output = new ConcurrentQueue<string>();
using var api = Process.Start(new ProcessStartInfo("dotnet", [apiDll])
{
    RedirectStandardOutput = true,
    RedirectStandardError = true,
    Environment =
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["ConnectionStrings__overseer"] = pg.ConnectionString,
        ["OVERSEER_ADMIN_TOKEN"] = token,
        ["services__api__http__0"] = $"http://127.0.0.1:{port}",
        ["Executor__Kind"] = "kubernetes",
        ["Kubernetes__Kubeconfig"] = kubeconfig,
        ["Kubernetes__SidecarImage"] = "overseer/sidecar:bench",
        ["Kubernetes__SidecarPorts"] = "unique",
        ["Kubernetes__Qps"] = qps.ToString(),
        ["Kubernetes__Burst"] = (qps * 2).ToString(),
        ["Kubernetes__MaxConcurrentJobs"] = "200",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Overseer.Api.Execution.Kubernetes.KubernetesWatchService"] = "Information",
    },
})!;
api.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
api.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
api.BeginOutputReadLine();
api.BeginErrorReadLine();
try
{
    var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    var client = new OverseerClient(http);
    await WaitReadyAsync(http);
    var jobSeen = new ConcurrentDictionary<string, DateTime>();
    var runnerEnded = new ConcurrentDictionary<string, DateTime>();
    using var observing = new CancellationTokenSource();
    var observer = ObserveAsync(sim, jobSeen, runnerEnded, observing.Token);
    var simBefore = sim.Cluster.Stats.Counts();

    var clock = Stopwatch.StartNew();
    await SubmitAsync(client, "kb", tasks, 0);
    await WaitFinishedAsync(pg.ConnectionString, tasks);
    var elapsed = clock.Elapsed;
    var simAfter = sim.Cluster.Stats.Counts();
    var burst = await LatenciesAsync(pg.ConnectionString, "kb-", jobSeen, runnerEnded);

    // Steady arrivals well under the QPS budget: what the manager adds when it is not queueing behind the rate limiter.
    const int steadyTasks = 200;
    await SubmitAsync(client, "ks", steadyTasks, 10);
    await WaitFinishedAsync(pg.ConnectionString, tasks + steadyTasks);
    var steady = await LatenciesAsync(pg.ConnectionString, "ks-", jobSeen, runnerEnded);
    await observing.CancelAsync();
    await observer;

    Process.Start("kill", ["-TERM", api.Id.ToString()])!.WaitForExit();
    await api.WaitForExitAsync();
    var clientCounts = output.LastOrDefault(l => l.Contains("Kubernetes requests sent:", StringComparison.Ordinal)) ?? "(not printed)";

    Console.WriteLine();
    Console.WriteLine("| measure | value | target |");
    Console.WriteLine("|---|---|---|");
    Console.WriteLine($"| tasks finished (not succeeded) | {tasks} ({burst.Failed}) | all succeed |");
    Console.WriteLine($"| throughput | {tasks / elapsed.TotalMinutes:0} tasks/min | bounded by QPS {qps} (= {qps * 60} creates/min) |");
    foreach (var entry in simAfter.OrderBy(c => c.Key.Resource).ThenBy(c => c.Key.Verb))
    {
        var (verb, resource) = entry.Key;
        var delta = entry.Value - simBefore.GetValueOrDefault(entry.Key);
        if (delta > 0 && resource != "leases")
        {
            Console.WriteLine($"| KubeSim: {verb} {resource} | {delta} ({(double)delta / tasks:0.###} per task) | |");
        }
    }
    var writes = simAfter.Where(c => c.Key.Verb is "create" or "update" or "patch" or "delete" && c.Key.Resource != "leases")
        .Sum(c => c.Value - simBefore.GetValueOrDefault(c.Key));
    Console.WriteLine($"| writes per task (KubeSim, leases excluded) | {(double)writes / tasks:0.###} | <= 2 |");
    Console.WriteLine($"| burst: claim to Job created, p50 / p99 | {P(burst.Create, 0.5):0} / {P(burst.Create, 0.99):0} ms | (queued behind the QPS budget) |");
    Console.WriteLine($"| burst: runner ended to task terminal, p50 / p99 | {P(burst.End, 0.5):0} / {P(burst.End, 0.99):0} ms | (log reads queue behind creates) |");
    Console.WriteLine($"| steady 10/s: claim to Job created, p50 / p99 | {P(steady.Create, 0.5):0} / {P(steady.Create, 0.99):0} ms | manager-added p99 <= 500 ms |");
    Console.WriteLine($"| steady 10/s: runner ended to task terminal, p50 / p99 | {P(steady.End, 0.5):0} / {P(steady.End, 0.99):0} ms | manager-added p99 <= 500 ms |");
    Console.WriteLine($"| our client's counters | {clientCounts[(clientCounts.IndexOf("sent:", StringComparison.Ordinal) + 6)..]} | |");
}
finally
{
    if (!api.HasExited)
    {
        api.Kill(entireProcessTree: true);
    }
    await pg.StopAsync();
    try
    {
        Directory.Delete(dir, recursive: true);
    }
    catch (IOException)
    {
    }
}

static async Task SubmitAsync(OverseerClient client, string prefix, int count, int perSecond)
{
    var next = -1;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, perSecond > 0 ? 1 : 8).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            if (perSecond > 0 && TimeSpan.FromSeconds((double)i / perSecond) - clock.Elapsed is { } wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            await client.SubmitTaskAsync(new TaskSpec { Name = $"{prefix}-{i}", Image = "busybox", Command = ["true"] });
        }
    }));
}

static async Task WaitFinishedAsync(string connectionString, int total)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var count = new NpgsqlCommand("SELECT count(*) FROM tasks WHERE finished_at IS NOT NULL", connection);
    while ((long)(await count.ExecuteScalarAsync())! < total)
    {
        await Task.Delay(200);
    }
}

// Watches the simulator's store in-process: when each Job appears, and when each runner first shows terminated.
static async Task ObserveAsync(KubeSimServer sim, ConcurrentDictionary<string, DateTime> jobSeen, ConcurrentDictionary<string, DateTime> runnerEnded,
    CancellationToken ct)
{
    var jobs = sim.Cluster.Store.Subscribe(ResourceKinds.Jobs);
    var pods = sim.Cluster.Store.Subscribe(ResourceKinds.Pods);
    async Task ReadJobs()
    {
        await foreach (var e in jobs.ReadAllAsync(ct))
        {
            if ((string?)e.Object.Node["metadata"]?["labels"]?["overseer.dev/task-id"] is { } id)
            {
                jobSeen.TryAdd(id, DateTime.UtcNow);
            }
        }
    }
    async Task ReadPods()
    {
        await foreach (var e in pods.ReadAllAsync(ct))
        {
            var runner = (e.Object.Node["status"]?["containerStatuses"] as JsonArray)?.FirstOrDefault(c => (string?)c?["name"] == "runner");
            if (runner?["state"]?["terminated"] is not null && (string?)e.Object.Node["metadata"]?["labels"]?["overseer.dev/task-id"] is { } id)
            {
                runnerEnded.TryAdd(id, DateTime.UtcNow);
            }
        }
    }
    try
    {
        await Task.WhenAll(ReadJobs(), ReadPods());
    }
    catch (OperationCanceledException)
    {
    }
}

static async Task<(List<double> Create, List<double> End, int Failed)> LatenciesAsync(string connectionString, string prefix,
    ConcurrentDictionary<string, DateTime> jobSeen, ConcurrentDictionary<string, DateTime> runnerEnded)
{
    var create = new List<double>();
    var end = new List<double>();
    var failed = 0;
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var cmd = new NpgsqlCommand("""
        SELECT t.id, t.state, a.created_at, t.finished_at FROM tasks t JOIN attempts a ON a.task_id = t.id AND a.attempt = t.attempt
        WHERE t.name LIKE $1 || '%'
        """, connection);
    cmd.Parameters.Add(new NpgsqlParameter { Value = prefix });
    await using var reader = await cmd.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        var id = reader.GetGuid(0).ToString();
        failed += reader.GetString(1) == "Succeeded" ? 0 : 1;
        if (jobSeen.TryGetValue(id, out var seen))
        {
            create.Add((seen - reader.GetDateTime(2)).TotalMilliseconds);
        }
        if (runnerEnded.TryGetValue(id, out var ended))
        {
            end.Add((reader.GetDateTime(3) - ended).TotalMilliseconds);
        }
    }
    return (create, end, failed);
}

static double P(List<double> values, double q)
{
    if (values.Count == 0)
    {
        return double.NaN;
    }
    values.Sort();
    return values[Math.Min(values.Count - 1, (int)Math.Ceiling(q * values.Count) - 1)];
}

static async Task WaitReadyAsync(HttpClient http)
{
    for (var i = 0; i < 600; i++)
    {
        try
        {
            if ((await http.GetAsync("health/ready")).IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
        }
        await Task.Delay(100);
    }
    throw new TimeoutException("Api did not become ready");
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
}
