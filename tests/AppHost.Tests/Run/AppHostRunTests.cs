using System.Net;
using System.Net.Http.Headers;
using Overseer.ServiceDefaults.Posix;
using Overseer.AppHost.Postgres;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.Testing;

namespace Overseer.AppHost.Tests.Run;

/// <summary>AppHost as a user runs it: a real process with real children, stopped with SIGTERM.</summary>
public sealed class AppHostRunTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Runs_a_task_end_to_end_restarts_a_crashed_child_keeps_data_across_runs_and_leaves_nothing_behind()
    {
        var dataDir = TestDirectories.Create("apphost");
        try
        {
            var ports = (Api: FreePort.Pick(), Dashboard: FreePort.Pick(), Sidecar: FreePort.Pick());
            Guid taskId;
            var allPids = new List<int>();
            await using (var first = StartAppHost(dataDir, ports))
            {
                await first.WaitForOutputAsync("Overseer is running", StartTimeout);
                var client = Client(dataDir, ports.Api);
                var submitted = await client.SubmitTaskAsync(new TaskSpec { Name = "smoke", Command = ["sh", "-c", "echo smoke-ok"] });
                taskId = submitted.Id;
                Assert.Equal(TaskState.Succeeded, (await client.WaitForTerminalAsync(taskId, TimeSpan.FromSeconds(30))).State);
                Assert.Equal("smoke-ok\n", await client.GetLogsAsync(taskId));
                Assert.Contains(ReadToken(dataDir), first.Output);
                using (var http = new HttpClient())
                {
                    Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{ports.Dashboard}/health/live")).StatusCode);
                    Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{ports.Sidecar}/health/live")).StatusCode);
                }

                // A crashed child is restarted, and says so.
                var api = Pids(dataDir).Last(p => p.Name == "api").Pid;
                Native.Signal(api, Native.SigKill);
                await first.WaitForOutputAsync("api exited with code", TimeSpan.FromSeconds(10));
                await Eventually.TrueAsync(() => Pids(dataDir).Count(p => p.Name == "api") == 2, TimeSpan.FromSeconds(30), "api restarted");
                await Eventually.TrueAsync(async () => await IsReadyAsync(ports.Api), TimeSpan.FromSeconds(60), "restarted api ready");

                allPids.AddRange(Pids(dataDir).Select(p => p.Pid));
                Assert.Equal(0, await StopAsync(first));
                AssertNoSecretsInChildLogs(first.Output, ReadToken(dataDir), File.ReadAllText(Path.Combine(dataDir, "postgres.password")).Trim());
            }
            AssertNothingLeft(dataDir, allPids);

            await using (var second = StartAppHost(dataDir, ports))
            {
                await second.WaitForOutputAsync("Overseer is running", StartTimeout);
                var again = await Client(dataDir, ports.Api).GetTaskAsync(taskId);
                Assert.Equal(TaskState.Succeeded, again.State);
                // The token is printed by the run that generated it only; later runs say where it is.
                Assert.DoesNotContain(ReadToken(dataDir), second.Output, StringComparison.Ordinal);
                Assert.Contains($"admin token: in {Path.Combine(dataDir, "admin-token")}", second.Output, StringComparison.Ordinal);
                allPids.AddRange(Pids(dataDir).Select(p => p.Pid));
                Assert.Equal(0, await StopAsync(second));
            }
            AssertNothingLeft(dataDir, allPids);
        }
        finally
        {
            TestDirectories.Delete(dataDir);
        }
    }

    [Fact]
    public async Task Port_in_use_is_a_clear_error()
    {
        var dataDir = TestDirectories.Create("apphost-port");
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var busy = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var apphost = StartAppHost(dataDir, (busy, FreePort.Pick(), FreePort.Pick()));

        Assert.Equal(2, await apphost.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"Port {busy} on 127.0.0.1 is already in use", apphost.Output);
        Assert.Contains("--api-port", apphost.Output);
        Assert.DoesNotContain("   at ", apphost.Output);
        TestDirectories.Delete(dataDir);
    }

    [Fact]
    public async Task Aspire_dashboard_port_in_use_is_found_before_anything_starts()
    {
        var dataDir = TestDirectories.Create("apphost-aspire-port");
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var busy = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var apphost = ChildProcess.StartDotnet(RepoPaths.Built("AppHost", "Overseer.AppHost.dll"),
            new Dictionary<string, string?> { ["ConnectionStrings__overseer"] = null },
            "--data-dir", dataDir, "--api-port", FreePort.Pick().ToString(), "--dashboard-port", FreePort.Pick().ToString(),
            "--sidecar-port", FreePort.Pick().ToString(), "--proxy-port", FreePort.Pick().ToString(),
            "--aspire-port", busy.ToString(), "--aspire-otlp-port", FreePort.Pick().ToString(), "--aspire-resource-port", FreePort.Pick().ToString());

        Assert.Equal(2, await apphost.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal($"error: Port {busy} on 127.0.0.1 is already in use; stop what uses it or pass another --aspire-port.", apphost.Output.Trim());
        // Nothing started: not even PostgreSQL's cluster was prepared.
        Assert.False(Directory.Exists(Path.Combine(dataDir, "postgres")));
        TestDirectories.Delete(dataDir);
    }

    [Fact]
    public async Task Data_dir_that_cannot_be_written_is_a_clear_error()
    {
        var file = Path.Combine(TestDirectories.Create("apphost-file"), "plain-file");
        await File.WriteAllTextAsync(file, "not a directory");
        await using var apphost = StartAppHost(Path.Combine(file, "data"), (FreePort.Pick(), FreePort.Pick(), FreePort.Pick()));

        Assert.Equal(2, await apphost.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Cannot write to the data directory", apphost.Output);
        Assert.DoesNotContain("   at ", apphost.Output);
    }

    [Fact]
    public async Task Missing_postgres_binaries_is_a_clear_error_that_says_how_to_fix_it()
    {
        var dataDir = TestDirectories.Create("apphost-nopg");
        await using var apphost = StartAppHost(dataDir, (FreePort.Pick(), FreePort.Pick(), FreePort.Pick()),
            new Dictionary<string, string?> { ["OVERSEER_PG_BIN"] = "/nonexistent/postgres/bin" });

        Assert.Equal(2, await apphost.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("PostgreSQL server binaries (initdb, postgres) were not found", apphost.Output);
        Assert.Contains("apt-get install postgresql", apphost.Output);
        Assert.Contains("ConnectionStrings__overseer", apphost.Output);
        Assert.DoesNotContain("   at ", apphost.Output);
        TestDirectories.Delete(dataDir);
    }

    private static ChildProcess StartAppHost(string dataDir, (int Api, int Dashboard, int Sidecar) ports, IReadOnlyDictionary<string, string?>? env = null)
    {
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__overseer"] = null, ["OVERSEER_ADMIN_TOKEN"] = null };
        foreach (var (k, v) in env ?? new Dictionary<string, string?>())
        {
            environment[k] = v;
        }
        return ChildProcess.StartDotnet(RepoPaths.Built("AppHost", "Overseer.AppHost.dll"), environment,
            ["--data-dir", dataDir, "--api-port", ports.Api.ToString(), "--dashboard-port", ports.Dashboard.ToString(),
            "--sidecar-port", ports.Sidecar.ToString(), "--proxy-port", FreePort.Pick().ToString(), .. AspirePorts.Free()]);
    }

    private static async Task<int> StopAsync(ChildProcess apphost)
    {
        Native.Signal(apphost.Pid, Native.SigTerm);
        return await apphost.WaitForExitAsync(TimeSpan.FromSeconds(90));
    }

    private static void AssertNoSecretsInChildLogs(string output, params string[] secrets)
    {
        // The ready table shows the admin token on purpose; no process log line may carry a secret.
        var logLines = output.Split('\n').Where(l => l.Contains("| ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(logLines);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logLines, l => l.Contains(secret, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(secrets[1], output);
    }

    private static void AssertNothingLeft(string dataDir, IEnumerable<int> pids)
    {
        foreach (var pid in pids)
        {
            Assert.False(ProcessTable.IsAlive(pid), $"process {pid} is still running");
        }
        Assert.Empty(ProcessTable.WithCommandLineContaining(dataDir));
    }

    private static List<(string Name, int Pid)> Pids(string dataDir) =>
        [.. File.ReadAllLines(Path.Combine(dataDir, "apphost.pids")).Select(l => l.Split(' ')).Select(p => (p[0], int.Parse(p[1])))];

    private static string ReadToken(string dataDir) => File.ReadAllText(Path.Combine(dataDir, "admin-token")).Trim();

    private static OverseerClient Client(string dataDir, int port)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ReadToken(dataDir));
        return new OverseerClient(http);
    }

    private static async Task<bool> IsReadyAsync(int port)
    {
        using var http = new HttpClient();
        try
        {
            return (await http.GetAsync($"http://127.0.0.1:{port}/health/ready")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
