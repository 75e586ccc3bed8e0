// End-to-end throughput of the local executor against a plain .NET spawn loop, in one invocation.
// Usage: bench/executor/run.sh [--tasks 2000] [--concurrency 8] [--idle 200]
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Reflection;
using Npgsql;
using Overseer.AppHost.Postgres;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;

var tasks = Arg("--tasks", 2000);
var concurrency = Arg("--concurrency", 8);
var idleSamples = Arg("--idle", 200);
var apiDll = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "ApiDll").Value!;
var dataDir = Path.Combine("/tmp", $"overseer-bench-{Guid.NewGuid():N}"[..30]);
Directory.CreateDirectory(dataDir);
File.SetUnixFileMode(dataDir, (UnixFileMode)0b111_101_101);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores; tasks {tasks}; concurrency {concurrency}; PostgreSQL with fsync on");

await using var pg = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDir = dataDir }, CancellationToken.None);
const string token = "bench-admin-token-0123456789abcdef";
var port = FreePort.Pick();
using var api = Process.Start(new ProcessStartInfo("dotnet", [apiDll])
{
    RedirectStandardOutput = true,
    RedirectStandardError = true,
    Environment =
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["ConnectionStrings__overseer"] = pg.ConnectionString,
        ["OVERSEER_ADMIN_TOKEN"] = token,
        ["Executor__Concurrency"] = concurrency.ToString(),
        ["Logging__LogLevel__Default"] = "Warning",
    },
})!;
api.BeginOutputReadLine();
api.BeginErrorReadLine();
try
{
    var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    var client = new OverseerClient(http);
    await WaitReadyAsync(http);

    // Warm-up: JIT both paths before measuring.
    await SpawnLoopAsync(50, concurrency);
    await RunBurstAsync(client, 50, concurrency);

    var bareCpuBefore = CpuMs(Environment.ProcessId);
    var bare = await SpawnLoopAsync(tasks, concurrency);
    var bareCpu = CpuMs(Environment.ProcessId) - bareCpuBefore;
    var commitsBefore = await CommitsAsync();
    var (apiCpuBefore, pgCpuBefore) = (CpuMs(api.Id), PostgresCpuMs());
    var (elapsed, polls) = await RunBurstAsync(client, tasks, concurrency);
    await Task.Delay(1500);
    var (apiCpu, pgCpu) = (CpuMs(api.Id) - apiCpuBefore, PostgresCpuMs() - pgCpuBefore);
    var commits = await CommitsAsync() - commitsBefore - polls;
    var burstLatency = await LatenciesAsync("burst-");

    var idle = new List<double>();
    for (var i = 0; i < idleSamples; i++)
    {
        var task = await client.SubmitTaskAsync(new TaskSpec { Name = $"idle-{i}", Command = ["true"] });
        await client.WaitForTerminalAsync(task.Id, TimeSpan.FromSeconds(30));
    }
    var idleLatency = await LatenciesAsync("idle-");

    var overseerRate = tasks / elapsed.TotalSeconds;
    var bareRate = tasks / bare.TotalSeconds;
    Console.WriteLine();
    Console.WriteLine($"| measure | value | target |");
    Console.WriteLine($"|---|---|---|");
    Console.WriteLine($"| bare .NET spawn loop (Process.Start `true`, c={concurrency}) | {bareRate:0} tasks/s | reference |");
    Console.WriteLine($"| Overseer end to end (HTTP submit -> Succeeded, c={concurrency}) | {overseerRate:0} tasks/s | |");
    Console.WriteLine($"| ratio Overseer / bare spawn | {overseerRate / bareRate:0.00} | >= 0.8 |");
    // CPU time does not depend on what else the machine runs, unlike the rates above.
    Console.WriteLine($"| CPU per task: bare spawn loop (parent side) | {(double)bareCpu / tasks:0.00} ms | |");
    Console.WriteLine($"| CPU per task: Api process (incl. spawning) / PostgreSQL | {(double)apiCpu / tasks:0.00} / {(double)pgCpu / tasks:0.00} ms | |");
    Console.WriteLine($"| commits per task (pg_stat_database, bench polls excluded) | {(double)commits / tasks:0.00} | <= 3 |");
    Console.WriteLine($"| submit-to-start under burst, p50 / p99 | {burstLatency.P50:0.0} / {burstLatency.P99:0.0} ms | |");
    Console.WriteLine($"| submit-to-start when idle, p50 / p99 ({idleSamples} tasks) | {idleLatency.P50:0.0} / {idleLatency.P99:0.0} ms | p50 <= 10 ms |");
}
finally
{
    api.Kill(entireProcessTree: true);
    await api.WaitForExitAsync();
    await pg.StopAsync();
    Directory.Delete(dataDir, recursive: true);
}

async Task<(TimeSpan Elapsed, long Polls)> RunBurstAsync(OverseerClient client, int count, int submitters)
{
    var clock = Stopwatch.StartNew();
    var next = -1;
    var submit = Task.WhenAll(Enumerable.Range(0, submitters).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            await client.SubmitTaskAsync(new TaskSpec { Name = $"burst-{i}", Command = ["true"] });
        }
    }));
    long polls = 0;
    await using var connection = new NpgsqlConnection(pg.ConnectionString);
    await connection.OpenAsync();
    await using var cmd = new NpgsqlCommand("SELECT count(*) FROM tasks WHERE finished_at IS NOT NULL AND name LIKE 'burst-%'", connection);
    var target = (long)(await cmd.ExecuteScalarAsync())! + count;
    polls++;
    while ((long)(await cmd.ExecuteScalarAsync())! < target)
    {
        polls++;
        await Task.Delay(20);
    }
    polls++;
    await submit;
    var failed = (long)(await new NpgsqlCommand("SELECT count(*) FROM tasks WHERE state <> 'Succeeded' AND name LIKE 'burst-%'", connection).ExecuteScalarAsync())!;
    polls++;
    if (failed > 0)
    {
        throw new InvalidOperationException($"{failed} burst tasks did not succeed");
    }
    return (clock.Elapsed, polls);
}

async Task<TimeSpan> SpawnLoopAsync(int count, int parallel)
{
    var clock = Stopwatch.StartNew();
    await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (_, ct) =>
    {
        using var p = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await p.WaitForExitAsync(ct);
    });
    return clock.Elapsed;
}

async Task<long> CommitsAsync()
{
    await using var connection = new NpgsqlConnection(pg.AdminConnectionString);
    await connection.OpenAsync();
    // A fresh connection sees fresh statistics (no snapshot cached yet).
    await using var cmd = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = 'overseer'", connection);
    return (long)(await cmd.ExecuteScalarAsync())!;
}

async Task<(double P50, double P99)> LatenciesAsync(string prefix)
{
    await using var connection = new NpgsqlConnection(pg.ConnectionString);
    await connection.OpenAsync();
    await using var cmd = new NpgsqlCommand("""
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)
        FROM (SELECT extract(epoch FROM a.started_at - t.created_at) * 1000 AS ms
              FROM tasks t JOIN attempts a ON a.task_id = t.id AND a.attempt = 1 WHERE t.name LIKE $1 || '%') s
        """, connection);
    cmd.Parameters.Add(new NpgsqlParameter { Value = prefix });
    await using var reader = await cmd.ExecuteReaderAsync();
    await reader.ReadAsync();
    return (reader.GetDouble(0), reader.GetDouble(1));
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

// User + system CPU time of a process, from /proc (clock ticks of 10 ms).
static long CpuMs(int pid)
{
    try
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) * 10;
    }
    catch (IOException)
    {
        return 0; // The process ended.
    }
}

// CPU time of the embedded PostgreSQL: the postmaster and its live children (backends, writers).
long PostgresCpuMs()
{
    var postmaster = int.Parse(File.ReadLines(Path.Combine(pg.ClusterDir, "postmaster.pid")).First());
    var total = CpuMs(postmaster);
    foreach (var dir in Directory.EnumerateDirectories("/proc"))
    {
        if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != postmaster)
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]) == postmaster)
                {
                    total += CpuMs(pid);
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }
    }
    return total;
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
}
