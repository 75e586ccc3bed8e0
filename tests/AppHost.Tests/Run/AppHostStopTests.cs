using System.Diagnostics;
using System.Net.Http.Headers;
using Overseer.AppHost.Postgres;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.Testing;

namespace Overseer.AppHost.Tests.Run;

/// <summary>
/// Ctrl-C as a terminal sends it: SIGINT to AppHost's whole process group. Only AppHost is in that group (Aspire's
/// orchestrator runs the services in a session of its own), so it alone decides the order things stop in.
/// </summary>
public sealed class AppHostStopTests
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(10);

    private static readonly string[] StopOrder = ["apphost  | api stopped", "apphost  | stopping dashboard", "apphost  | stopping postgres", "apphost  | postgres stopped"];

    [Fact]
    public async Task Ctrl_C_with_a_running_task_stops_the_Api_before_PostgreSQL_within_ten_seconds_leaves_nothing_and_the_task_runs_again()
    {
        var dataDir = TestDirectories.Create("apphost-ctrlc");
        try
        {
            var apiPort = FreePort.Pick();
            Guid taskId;
            List<int> pids;
            await using (var apphost = StartInOwnGroup(dataDir, apiPort))
            {
                await apphost.WaitForOutputAsync("Overseer is running", TimeSpan.FromSeconds(120));
                var client = Client(dataDir, apiPort);
                taskId = (await client.SubmitTaskAsync(new TaskSpec { Name = "long", Command = ["sh", "-c", "echo started; sleep 120"] })).Id;
                await Eventually.TrueAsync(async () => (await client.GetLogsAsync(taskId)).Contains("started", StringComparison.Ordinal),
                    TimeSpan.FromSeconds(30), "the task runs");
                var taskPids = ProcessTable.WithCommandLineContaining("sleep 120");
                Assert.NotEmpty(taskPids);
                pids = [.. Pids(dataDir), .. taskPids];

                var clock = Stopwatch.StartNew();
                SignalGroup(apphost.Pid, "INT");
                Assert.Equal(0, await apphost.WaitForExitAsync(StopLimit));
                await Eventually.TrueAsync(() => pids.All(p => !ProcessTable.IsAlive(p)) && ProcessTable.WithCommandLineContaining(dataDir).Count == 0,
                    StopLimit - clock.Elapsed, "every service and the task gone");

                var output = apphost.Output;
                var order = StopOrder.Select(line => output.IndexOf(line, StringComparison.Ordinal)).ToList();
                Assert.All(order, i => Assert.True(i >= 0, output));
                Assert.Equal(order.Order(), order);
                // The Api recorded the attempt's end itself, while PostgreSQL was still up.
                Assert.Contains("Attempt " + taskId, output);
            }

            await using (var again = StartInOwnGroup(dataDir, apiPort))
            {
                await again.WaitForOutputAsync("Overseer is running", TimeSpan.FromSeconds(120));
                var client = Client(dataDir, apiPort);
                var first = (await client.GetTaskAsync(taskId)).Attempts.Single(a => a.Number == 1);
                Assert.Equal(AttemptState.Lost, first.State);
                Assert.Equal(FailureType.Infrastructure, first.FailureType);
                Assert.Equal("stopped: the executor shut down", first.Reason);
                // Requeued on the infrastructure budget: the second run starts it again as attempt 2.
                await Eventually.TrueAsync(async () => (await client.GetTaskAsync(taskId)).Attempts.Any(a => a.Number == 2),
                    TimeSpan.FromSeconds(30), "attempt 2 started");
                SignalGroup(again.Pid, "TERM");
                Assert.Equal(0, await again.WaitForExitAsync(StopLimit));
            }
        }
        finally
        {
            TestDirectories.Delete(dataDir);
        }
    }

    [Fact]
    public async Task Ctrl_C_during_start_up_stops_everything_within_ten_seconds()
    {
        var dataDir = TestDirectories.Create("apphost-ctrlc-start");
        try
        {
            await using var apphost = StartInOwnGroup(dataDir, FreePort.Pick());
            // PostgreSQL is up and the Api is starting: the middle of start-up.
            await Eventually.TrueAsync(() => Pids(dataDir).Count >= 2, TimeSpan.FromSeconds(60), "PostgreSQL started");
            var clock = Stopwatch.StartNew();
            SignalGroup(apphost.Pid, "INT");
            Assert.Equal(0, await apphost.WaitForExitAsync(StopLimit));
            await Eventually.TrueAsync(() => Pids(dataDir).All(p => !ProcessTable.IsAlive(p)) && ProcessTable.WithCommandLineContaining(dataDir).Count == 0,
                StopLimit - clock.Elapsed, "nothing left running");
            Assert.DoesNotContain("Overseer is running", apphost.Output);
        }
        finally
        {
            TestDirectories.Delete(dataDir);
        }
    }

    /// <summary>Starts AppHost as a terminal's foreground job: a session and process group of its own, SIGINT not ignored.</summary>
    private static ChildProcess StartInOwnGroup(string dataDir, int apiPort) =>
        ChildProcess.Start("setsid", ["dotnet", RepoPaths.Built("AppHost", "Overseer.AppHost.dll"),
            "--data-dir", dataDir, "--api-port", apiPort.ToString(), "--dashboard-port", FreePort.Pick().ToString(),
            "--sidecar-port", FreePort.Pick().ToString(), "--proxy-port", FreePort.Pick().ToString(), .. AspirePorts.Free()],
            new Dictionary<string, string?> { ["ConnectionStrings__overseer"] = null, ["OVERSEER_ADMIN_TOKEN"] = null });

    private static void SignalGroup(int leader, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, "--", "-" + leader]))!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static List<int> Pids(string dataDir)
    {
        var file = Path.Combine(dataDir, "apphost.pids");
        return File.Exists(file) ? [.. File.ReadAllLines(file).Select(l => int.Parse(l.Split(' ')[1]))] : [];
    }

    private static OverseerClient Client(string dataDir, int port)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(dataDir, "admin-token")).Trim());
        return new OverseerClient(http);
    }
}
