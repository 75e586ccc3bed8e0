// One long task on each executor: Kubernetes (against KubeSim) and local, both started at once.
// Usage: bench/long/run.sh [--minutes 20]
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Overseer.AppHost.Postgres;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.KubeSim.Hosting;
using Overseer.KubeSim.Kubelet;
using Overseer.KubeSim.Store;

var minutes = Arg("--minutes", 20);
var seconds = minutes * 60;
// The timeout leaves two minutes over the task's own run: the Job's activeDeadlineSeconds is this value.
var timeout = seconds + 120;
var apiDll = Assembly.GetEntryAssembly()!.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "ApiDll").Value!;
var dir = Path.Combine("/tmp", $"overseer-longbench-{Guid.NewGuid():N}"[..32]);
Directory.CreateDirectory(dir);
File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores; one {minutes}-minute task per executor, timeoutSeconds {timeout}");

await using var pg = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDir = dir }, CancellationToken.None);
await using (var setup = new Npgsql.NpgsqlConnection(pg.ConnectionString))
{
    await setup.OpenAsync();
    await new Npgsql.NpgsqlCommand("CREATE DATABASE overseer_local", setup).ExecuteNonQueryAsync();
}
var images = new ImageMap().Add(new ImageMapping("overseer/sidecar", ["sleep", $"{timeout + 600}"]));
await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions { Images = images, WorkRoot = Path.Combine(dir, "pods") }, l => l.SetMinimumLevel(LogLevel.Warning));
var kubeconfig = Path.Combine(dir, "kubeconfig");
sim.WriteKubeconfig(kubeconfig);
const string token = "bench-admin-token-0123456789abcdef";
var localDb = new Npgsql.NpgsqlConnectionStringBuilder(pg.ConnectionString) { Database = "overseer_local" }.ConnectionString;
var apis = new List<Process>();
try
{
    var kube = await StartApiAsync(pg.ConnectionString, new() { ["Executor__Kind"] = "kubernetes", ["Kubernetes__Kubeconfig"] = kubeconfig,
        ["Kubernetes__SidecarImage"] = "overseer/sidecar:bench", ["Kubernetes__SidecarPorts"] = "unique" });
    var local = await StartApiAsync(localDb, new() { ["Executor__Kind"] = "local" });
    var spec = new TaskSpec
    {
        Name = "long",
        Image = "busybox:1.36",
        Command = ["sh", "-c", $"echo start; sleep {seconds}; echo done after {seconds}s"],
        TimeoutSeconds = timeout,
    };
    var clock = Stopwatch.StartNew();
    var onKube = await kube.SubmitTaskAsync(spec);
    var onLocal = await local.SubmitTaskAsync(spec);
    var wait = TimeSpan.FromSeconds(timeout + 300);
    var finished = Task.WhenAll(kube.WaitForTerminalAsync(onKube.Id, wait), local.WaitForTerminalAsync(onLocal.Id, wait));
    // Read the Job while it runs (the executor may delete it once the task ended).
    await Task.Delay(TimeSpan.FromSeconds(30));
    var job = sim.Cluster.Store.Copies(ResourceKinds.Jobs, o => (string?)o.Node["metadata"]?["labels"]?["overseer.dev/task-id"] == onKube.Id.ToString()).FirstOrDefault();
    Console.WriteLine($"Job activeDeadlineSeconds while running: {job?["spec"]?["activeDeadlineSeconds"]?.ToString() ?? "(no Job yet)"}");
    var results = await finished;
    Console.WriteLine();
    Console.WriteLine("| executor | state | attempts | wall clock | log | Job activeDeadlineSeconds |");
    Console.WriteLine("|---|---|---|---|---|---|");
    foreach (var (name, client, task) in new[] { ("kubernetes (KubeSim)", kube, results[0]), ("local", local, results[1]) })
    {
        var log = (await client.GetLogsAsync(task.Id)).ReplaceLineEndings(" ").Trim();
        var elapsed = (task.FinishedAt ?? DateTimeOffset.UtcNow) - task.CreatedAt;
        var deadline = name == "local" ? "-" : (string?)job?["spec"]?["activeDeadlineSeconds"]?.ToString() ?? "(Job gone)";
        Console.WriteLine($"| {name} | {task.State} | {task.Attempts.Count} | {elapsed.TotalMinutes:0.0} min | {log} | {deadline} |");
    }
    Console.WriteLine($"total: {clock.Elapsed.TotalMinutes:0.0} min");
    return results.All(r => r.State == TaskState.Succeeded) ? 0 : 1;
}
finally
{
    foreach (var api in apis.Where(a => !a.HasExited))
    {
        api.Kill(entireProcessTree: true);
    }
    await pg.StopAsync();
}

async Task<OverseerClient> StartApiAsync(string connectionString, Dictionary<string, string> settings)
{
    var port = FreePort.Pick();
    var info = new ProcessStartInfo("dotnet", [apiDll]) { RedirectStandardOutput = true, RedirectStandardError = true };
    info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
    info.Environment["ConnectionStrings__overseer"] = connectionString;
    info.Environment["OVERSEER_ADMIN_TOKEN"] = token;
    info.Environment["services__api__http__0"] = $"http://127.0.0.1:{port}";
    info.Environment["Logging__LogLevel__Default"] = "Warning";
    foreach (var (key, value) in settings)
    {
        info.Environment[key] = value;
    }
    var process = Process.Start(info)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    apis.Add(process);
    var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(30) };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    for (var i = 0; i < 600; i++)
    {
        try
        {
            if ((await http.GetAsync("health/ready")).IsSuccessStatusCode)
            {
                return new OverseerClient(http);
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
