using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Overseer.ServiceDefaults.Posix;
using Overseer.AppHost.Postgres;
using Overseer.AppHost.Tests.Publish;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.Testing;

namespace Overseer.AppHost.Tests.Run;

/// <summary>
/// Issue 10's canary: distinctive values used as the admin token, the database password, a task secret and a task's plain
/// environment value must not show up in any process log, HTTP response, generated manifest or database dump, except
/// where they are kept on purpose: the token hashed, the password in the Secret manifest, the task secret in the local
/// secrets directory only (the task holds a reference), and the plain env value in its task's spec, where the user put it.
/// </summary>
public sealed class CanarySecretTests
{
    private const string AdminCanary = "canary-admin-7f3e9c1d5b2a4e6f8091";
    private const string DatabaseCanary = "canary-db-2c4e6a8b0d1f3e5a7c9b";
    private const string TaskCanary = "canary-task-9a8b7c6d5e4f3a2b1c0d";
    private const string SecretCanary = "canary-secret-4b6d8f0a2c4e6a8b0d2f";

    [Fact]
    public async Task Canaries_appear_in_no_log_response_or_dump_except_where_stored_on_purpose()
    {
        var dataDir = TestDirectories.Create("apphost-canary");
        try
        {
            var password = Path.Combine(dataDir, "postgres.password");
            File.WriteAllText(password, DatabaseCanary);
            File.SetUnixFileMode(password, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Directory.CreateDirectory(Path.Combine(dataDir, "secrets", "app"));
            File.WriteAllText(Path.Combine(dataDir, "secrets", "app", "token"), SecretCanary);
            var ports = (Api: FreePort.Pick(), Dashboard: FreePort.Pick(), Sidecar: FreePort.Pick(), Proxy: FreePort.Pick());
            await using var apphost = ChildProcess.StartDotnet(RepoPaths.Built("AppHost", "Overseer.AppHost.dll"),
                new Dictionary<string, string?> { ["ConnectionStrings__overseer"] = null, ["OVERSEER_ADMIN_TOKEN"] = AdminCanary },
                ["--data-dir", dataDir, "--api-port", ports.Api.ToString(), "--dashboard-port", ports.Dashboard.ToString(),
                "--sidecar-port", ports.Sidecar.ToString(), "--proxy-port", ports.Proxy.ToString(), .. AspirePorts.Free()]);
            await apphost.WaitForOutputAsync("Overseer is running", TimeSpan.FromSeconds(120));

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports.Api}/") };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminCanary);
            var client = new OverseerClient(http);
            // The task proves it got the value without printing it.
            var task = await client.SubmitTaskAsync(new TaskSpec
            {
                Name = "canary",
                Command = ["sh", "-c", $"test ${{#CANARY}} -eq {TaskCanary.Length} && test ${{#TOKEN}} -eq {SecretCanary.Length} && echo secret-was-set"],
                Env = new Dictionary<string, string> { ["CANARY"] = TaskCanary },
                ValueFrom = new Dictionary<string, ValueFromSpec> { ["TOKEN"] = new() { SecretKeyRef = new KeyRef { Name = "app", Key = "token" } } },
            });
            Assert.Equal(TaskState.Succeeded, (await client.WaitForTerminalAsync(task.Id, TimeSpan.FromSeconds(60))).State);

            foreach (var path in new[]
            {
                "api/v1/tasks", $"api/v1/tasks/{task.Id}/logs", $"api/v1/tasks/{task.Id}/transitions", "api/v1/stats", "api/v1/tokens",
                "api/v1/users", "api/v1/queues", "api/v1/workflows", "health/ready",
            })
            {
                using var response = await http.GetAsync(path);
                Assert.True(response.IsSuccessStatusCode, $"GET /{path}: {(int)response.StatusCode}");
                AssertNoCanary(await response.Content.ReadAsStringAsync(), $"GET /{path}");
            }
            using (var dashboard = new HttpClient())
            {
                AssertNoCanary(await dashboard.GetStringAsync($"http://127.0.0.1:{ports.Dashboard}/"), "the Dashboard's start page");
            }
            var taskText = await http.GetStringAsync($"api/v1/tasks/{task.Id}");
            Assert.DoesNotContain(SecretCanary, taskText, StringComparison.Ordinal);
            var taskJson = JsonNode.Parse(taskText)!;
            Assert.Equal("app", taskJson["spec"]!["valueFrom"]!["TOKEN"]!["secretKeyRef"]!["name"]!.GetValue<string>());
            Assert.Equal(TaskCanary, taskJson["spec"]!["env"]!["CANARY"]!.GetValue<string>());
            taskJson["spec"]!.AsObject().Remove("env");
            AssertNoCanary(taskJson.ToJsonString(), "GET /api/v1/tasks/{id} outside spec.env");

            AssertDumpHoldsTheTaskValueOnlyInItsSpec(await DumpAsync(dataDir));

            Native.Signal(apphost.Pid, Native.SigTerm);
            Assert.Equal(0, await apphost.WaitForExitAsync(TimeSpan.FromSeconds(90)));
            // AppHost's ready table shows the admin token on purpose (it is how a user signs in); child log lines, prefixed
            // "name | ", never carry any canary, and nothing at all carries the other two.
            var output = apphost.Output;
            var childLines = output.Split('\n').Where(l => l.Contains("| ", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(childLines);
            Assert.DoesNotContain(childLines, l => l.Contains(AdminCanary, StringComparison.Ordinal));
            Assert.DoesNotContain(DatabaseCanary, output, StringComparison.Ordinal);
            Assert.DoesNotContain(TaskCanary, output, StringComparison.Ordinal);
            Assert.DoesNotContain(SecretCanary, output, StringComparison.Ordinal);
        }
        finally
        {
            TestDirectories.Delete(dataDir);
        }
    }

    [Fact]
    public void Published_manifests_hold_the_token_and_password_only_in_the_secret_file()
    {
        using var published = Published.WithValues($$"""
            postgres: {embedded: true}
            secrets: {adminToken: {{AdminCanary}}, postgresPassword: {{DatabaseCanary}}}
            """);

        var holders = Directory.EnumerateFiles(published.Dir).Select(Path.GetFileName)
            .Where(f => published.Read(f!).Contains(AdminCanary, StringComparison.Ordinal) || published.Read(f!).Contains(DatabaseCanary, StringComparison.Ordinal))
            .ToList();

        Assert.Equal([published.Resources.Single(r => published.Read(r).Contains("kind: Secret", StringComparison.Ordinal))], holders);
        Assert.DoesNotContain(AdminCanary, published.Console, StringComparison.Ordinal);
        Assert.DoesNotContain(DatabaseCanary, published.Console, StringComparison.Ordinal);
    }

    private static void AssertNoCanary(string text, string where)
    {
        foreach (var canary in new[] { AdminCanary, DatabaseCanary, TaskCanary, SecretCanary })
        {
            Assert.False(text.Contains(canary, StringComparison.Ordinal), $"{where} holds the canary {canary}:\n{text}");
        }
    }

    /// <summary>The admin token (stored hashed), the password and the task secret are nowhere; the task's env value only in the row of its task.</summary>
    private static void AssertDumpHoldsTheTaskValueOnlyInItsSpec(string dump)
    {
        Assert.Contains("COPY public.tasks ", dump, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminCanary, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(DatabaseCanary, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretCanary, dump, StringComparison.Ordinal);
        string? table = null;
        var holders = new List<string>();
        foreach (var line in dump.Split('\n'))
        {
            table = line.StartsWith("COPY ", StringComparison.Ordinal) ? line.Split(' ')[1] : line == "\\." ? null : table;
            if (line.Contains(TaskCanary, StringComparison.Ordinal))
            {
                holders.Add(table ?? line);
            }
        }
        Assert.Equal(["public.tasks"], holders);
    }

    private static async Task<string> DumpAsync(string dataDir)
    {
        var bin = PostgresBinaries.Find() ?? throw new InvalidOperationException("the PostgreSQL binaries the fixture uses were not found");
        var port = File.ReadAllText(Path.Combine(dataDir, "postgres.port")).Trim();
        var info = new ProcessStartInfo(Path.Combine(bin, "pg_dump"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-h", "127.0.0.1", "-p", port, "-U", "overseer", "-d", "overseer", "--no-owner" })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["PGPASSWORD"] = DatabaseCanary;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, $"pg_dump failed: {await error}");
        return await output;
    }
}
