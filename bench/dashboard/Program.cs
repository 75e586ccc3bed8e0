// Server render time of every Dashboard page with a large history in the database (default 100,000 tasks), measured
// through the Dashboard as a browser would hit it, against the whole system as AppHost starts it.
// Usage: bench/dashboard/run.sh [--tasks 100000] [--samples 30]
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using Overseer.ServiceDefaults.Posix;
using Overseer.AppHost.Postgres;
using Overseer.Bench.Dashboard;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;

const double TargetMs = 200;
var tasks = Arg("--tasks", 100_000);
var samples = Arg("--samples", 30);
var appHostDll = typeof(Seed).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "AppHostDll").Value!;
var root = Path.Combine("/tmp", $"overseer-bench-ui-{Guid.NewGuid():N}"[..34]);
Directory.CreateDirectory(root);
File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores; {tasks:N0} tasks; {samples} samples per page; PostgreSQL with fsync on");

var pg = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDir = root }, CancellationToken.None);
var (apiPort, dashboardPort) = (FreePort.Pick(), FreePort.Pick());
var appHost = Process.Start(new ProcessStartInfo("dotnet", [appHostDll, "--data-dir", Path.Combine(root, "apphost"),
    "--api-port", apiPort.ToString(), "--dashboard-port", dashboardPort.ToString(), "--sidecar-port", FreePort.Pick().ToString()])
{
    RedirectStandardOutput = true,
    RedirectStandardError = true,
    Environment = { ["ConnectionStrings__overseer"] = pg.ConnectionString, ["Logging__LogLevel__Default"] = "Warning" },
})!;
var ready = new TaskCompletionSource();
appHost.OutputDataReceived += (_, e) =>
{
    if (e.Data?.Contains("Overseer is running", StringComparison.Ordinal) == true)
    {
        ready.TrySetResult();
    }
};
appHost.ErrorDataReceived += (_, _) => { };
appHost.BeginOutputReadLine();
appHost.BeginErrorReadLine();
try
{
    await ready.Task.WaitAsync(TimeSpan.FromMinutes(3));
    var token = (await File.ReadAllTextAsync(Path.Combine(root, "apphost", "admin-token"))).Trim();
    var api = ApiClient(apiPort, token);

    var seeding = Stopwatch.StartNew();
    await Seed.TasksAsync(pg.ConnectionString, tasks);
    Console.WriteLine($"seeded {tasks:N0} finished tasks (attempts, 4 transitions each, logs for 1%) in {seeding.Elapsed.TotalSeconds:0.0} s");
    var (run, task, running) = await LiveSamplesAsync(api);

    using var dashboard = await SignInAsync(dashboardPort, token);
    var middle = (await api.ListTasksAsync(new TaskQuery { Limit = 500, Cursor = await CursorDeepInAsync(api) })).NextCursor;
    var pages = new (string Name, string Path)[]
    {
        ("overview", "/"),
        ("overview fragment (htmx, every 5 s)", "/live/overview"),
        ("tasks, newest", "/tasks"),
        ("tasks, page deep in history", "/tasks?cursor=" + middle),
        ("tasks, state Failed", "/tasks?state=Failed"),
        ("tasks, state Failed or Lost", "/tasks?state=Failed&state=Lost"),
        ("tasks, name contains (rare)", "/tasks?name=backup-9999"),
        ("tasks, name contains (none)", "/tasks?name=no-such-task"),
        ("tasks, label team=red", "/tasks?label=team%3Dred"),
        ("tasks, last hour", "/tasks?range=1h"),
        ("tasks, a day 3 days ago", $"/tasks?range=custom&from={DateTime.UtcNow.AddDays(-3):yyyy-MM-ddTHH:mm}&to={DateTime.UtcNow.AddDays(-2):yyyy-MM-ddTHH:mm}"),
        ("task detail (finished, with log)", $"/tasks/{task}"),
        ("task detail (running)", $"/tasks/{running}"),
        ("task fragment (htmx, every 2 s)", $"/live/tasks/{running}"),
        ("workflows", "/workflows"),
        ("workflow run (graph)", $"/workflows/{run}"),
        ("workflow tree", $"/workflows/{run}/tree"),
        ("queues", "/queues"),
        ("submit", "/submit"),
        ("users", "/admin/users"),
        ("tokens", "/admin/tokens"),
    };
    var baseline = await MeasureAsync(api.Http, "api/v1/tasks?limit=50", samples);
    Console.WriteLine();
    Console.WriteLine($"{"page",-36} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"KiB",7} {"× api",7}  verdict");
    var worst = 0.0;
    foreach (var (name, path) in pages)
    {
        var m = await MeasureAsync(dashboard, path, samples);
        worst = Math.Max(worst, m.P95);
        Console.WriteLine($"{name,-36} {m.P50,8:0.0} {m.P95,8:0.0} {m.Max,8:0.0} {m.Bytes / 1024.0,7:0.0} {m.P50 / baseline.P50,7:0.0}  {(m.P95 <= TargetMs ? "ok" : "SLOW")}");
    }
    Console.WriteLine($"{"baseline: Api GET /api/v1/tasks",-36} {baseline.P50,8:0.0} {baseline.P95,8:0.0} {baseline.Max,8:0.0}");
    Console.WriteLine();
    Console.WriteLine($"target: every page's p95 <= {TargetMs} ms; worst p95 {worst:0.0} ms: {(worst <= TargetMs ? "met" : "MISSED")}");
    return worst <= TargetMs ? 0 : 1;
}
finally
{
    Native.Signal(appHost.Id, Native.SigTerm);
    await appHost.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    await pg.DisposeAsync();
    Directory.Delete(root, recursive: true);
}

static OverseerClient ApiClient(int port, string token)
{
    var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return new OverseerClient(http);
}

// A finished workflow run, a finished task with a log, and a task that keeps running while pages are measured.
static async Task<(Guid Run, Guid Task, Guid Running)> LiveSamplesAsync(OverseerClient api)
{
    var run = await api.SubmitWorkflowAsync("""
        apiVersion: overseer.dev/v1
        kind: Workflow
        metadata: {name: bench}
        spec:
          params: {env: [{name: STAGE, value: bench}]}
          groups:
            - name: extract
              jobs: [{name: a, command: ["true"], parallel: true}, {name: b, command: ["true"], parallel: true}, {name: c, command: ["true"], parallel: true}]
            - name: load
              jobs: [{name: merge, command: ["true"]}, {name: index, command: ["true"], dependsOn: [load/merge]}]
            - name: report
              jobs: [{name: mail, command: ["true"]}]
        """);
    var task = await api.SubmitTaskAsync(new TaskSpec { Name = "bench-log", Command = ["sh", "-c", "for i in $(seq 1 2000); do echo log line $i; done"] });
    var running = await api.SubmitTaskAsync(new TaskSpec { Name = "bench-running", Command = ["sh", "-c", "echo started; sleep 3600"] });
    await api.WaitForWorkflowAsync(run.Id!.Value, TimeSpan.FromMinutes(2));
    await api.WaitForTerminalAsync(task.Id, TimeSpan.FromMinutes(2));
    return (run.Id.Value, task.Id, running.Id);
}

static async Task<string> CursorDeepInAsync(OverseerClient api)
{
    string? cursor = null;
    for (var i = 0; i < 100; i++)
    {
        cursor = (await api.ListTasksAsync(new TaskQuery { Limit = 500, Cursor = cursor })).NextCursor ?? cursor;
    }
    return cursor!;
}

static async Task<HttpClient> SignInAsync(int port, string password)
{
    var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
    };
    var form = await http.GetStringAsync("login");
    const string marker = "name=\"__RequestVerificationToken\" value=\"";
    var start = form.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
    var csrf = form[start..form.IndexOf('"', start)];
    using var response = await http.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = csrf, ["user"] = "admin", ["password"] = password,
    }));
    if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("failed", StringComparison.Ordinal) == true)
    {
        throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode} {response.Headers.Location}");
    }
    return http;
}

static async Task<Measurement> MeasureAsync(HttpClient http, string path, int samples)
{
    for (var i = 0; i < 3; i++)
    {
        await Fetch(http, path);
    }
    var times = new List<double>();
    long bytes = 0;
    for (var i = 0; i < samples; i++)
    {
        var watch = Stopwatch.StartNew();
        bytes = await Fetch(http, path);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return new Measurement(times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], times[^1], bytes);
}

static async Task<long> Fetch(HttpClient http, string path)
{
    using var response = await http.GetAsync(path.TrimStart('/'));
    var body = await response.Content.ReadAsByteArrayAsync();
    if (response.StatusCode != HttpStatusCode.OK)
    {
        throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
    }
    return body.Length;
}

static int Arg(string name, int fallback)
{
    var args = Environment.GetCommandLineArgs();
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
}

internal sealed record Measurement(double P50, double P95, double Max, long Bytes);
