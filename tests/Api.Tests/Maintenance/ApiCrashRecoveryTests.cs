using System.Net.Http.Headers;
using Dapper;
using Npgsql;
using Overseer.Api.StateMachine;
using Overseer.Api.Tests.Infrastructure;
using Overseer.AppHost.Postgres;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.Testing;

namespace Overseer.Api.Tests.Maintenance;

/// <summary>kill -9 of a real Api process while tasks run; a new process must finish every task exactly once.</summary>
public sealed class ApiCrashRecoveryTests
{
    private const string Token = "crash-test-admin-token-0123456789";

    [Fact]
    public async Task After_kill_9_and_restart_every_task_reaches_one_terminal_state_and_nothing_stays_running()
    {
        var connectionString = await TestDatabase.CreateAsync();
        var port = FreePort.Pick();
        var tasks = new List<Guid>();
        await using (var first = StartApi(connectionString, port))
        {
            var client = await ClientAsync(first, port);
            for (var i = 0; i < 6; i++)
            {
                tasks.Add((await client.SubmitTaskAsync(new TaskSpec { Name = $"slow-{i}", Command = ["sleep", "2"], Retries = 0 })).Id);
            }
            for (var i = 0; i < 6; i++)
            {
                tasks.Add((await client.SubmitTaskAsync(new TaskSpec { Name = $"fast-{i}", Command = ["true"] })).Id);
            }
            await Eventually.TrueAsync(async () => await CountAsync(connectionString, "SELECT count(*) FROM attempts WHERE state = 'Running'") >= 3,
                TimeSpan.FromSeconds(30), "tasks running before the crash");
            first.Process.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        await using var second = StartApi(connectionString, port);
        var again = await ClientAsync(second, port);
        foreach (var id in tasks)
        {
            var task = await again.WaitForTerminalAsync(id, TimeSpan.FromSeconds(60));
            Assert.Equal(TaskState.Succeeded, task.State);
        }

        Assert.Equal(0, await CountAsync(connectionString, "SELECT count(*) FROM attempts WHERE state IN ('Dispatching', 'Running')"));
        Assert.True(await CountAsync(connectionString, "SELECT count(*) FROM attempts WHERE state = 'Lost'") >= 3, "the crash left no Lost attempts");
        Assert.Equal(0, await CountAsync(connectionString, """
            SELECT count(*) FROM (SELECT task_id FROM task_transitions
                WHERE to_state IN ('Succeeded','Failed','TimedOut','Cancelled','Lost','Skipped')
                GROUP BY task_id HAVING count(*) <> 1) AS t
            """));
        await using var connection = new NpgsqlConnection(connectionString);
        var pairs = await connection.QueryAsync<(string? From, string To)>("SELECT DISTINCT from_state, to_state FROM task_transitions");
        Assert.All(pairs, p => Assert.True(TaskTransitions.IsAllowed(p.From is null ? null : Enum.Parse<TaskState>(p.From), Enum.Parse<TaskState>(p.To)),
            $"{p.From} -> {p.To} is not in the transition table"));
    }

    [Fact]
    public async Task Workflow_killed_mid_run_carries_on_after_restart_with_no_node_run_twice_or_forgotten()
    {
        var connectionString = await TestDatabase.CreateAsync();
        var port = FreePort.Pick();
        Guid runId;
        await using (var first = StartApi(connectionString, port))
        {
            var client = await ClientAsync(first, port);
            var run = await client.SubmitWorkflowAsync(Workflows.WorkflowSamples.Workflow("""
                    - name: one
                      parallel: true
                      jobs:
                        - {name: a, command: [sleep, "2"], parallel: true}
                        - {name: b, command: [sleep, "2"], parallel: true}
                    - name: two
                      jobs:
                        - {name: c, command: ["true"]}
                        - {name: d, command: ["true"]}
                    - name: three
                      jobs:
                        - {name: e, command: ["true"]}
                """, name: "survivor"));
            runId = run.Id!.Value;
            await Eventually.TrueAsync(async () => await CountAsync(connectionString, "SELECT count(*) FROM attempts WHERE state = 'Running'") >= 2,
                TimeSpan.FromSeconds(30), "group one running");
            first.Process.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        await using var second = StartApi(connectionString, port);
        var done = await (await ClientAsync(second, port)).WaitForWorkflowAsync(runId, TimeSpan.FromSeconds(60));

        Assert.Equal(Contracts.Workflows.WorkflowState.Succeeded, done.State);
        Assert.Equal(5, await CountAsync(connectionString, "SELECT count(*) FROM tasks WHERE workflow_id IS NOT NULL"));
        Assert.Equal(5, await CountAsync(connectionString, "SELECT count(*) FROM task_transitions WHERE to_state = 'Succeeded'"));
        Assert.Equal(3, await CountAsync(connectionString, "SELECT count(*) FROM attempts a JOIN tasks t ON t.id = a.task_id WHERE t.name LIKE 'survivor-two-%' OR t.name LIKE 'survivor-three-%'"));
    }

    private static ChildProcess StartApi(string connectionString, int port) => ChildProcess.StartDotnet(RepoPaths.Built("Api", "Overseer.Api.dll"),
        new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__overseer"] = connectionString,
            ["OVERSEER_ADMIN_TOKEN"] = Token,
            ["Executor__HeartbeatInterval"] = "00:00:00.500",
            ["Executor__HeartbeatTimeout"] = "00:00:02",
            ["Reaper__Interval"] = "00:00:00.500",
            ["Leadership__LeaseDuration"] = "00:00:03",
            ["Leadership__RenewDeadline"] = "00:00:02",
            ["Leadership__RetryPeriod"] = "00:00:00.250",
        });

    private static async Task<OverseerClient> ClientAsync(ChildProcess api, int port)
    {
        await api.WaitForOutputAsync("Now listening on", TimeSpan.FromSeconds(60));
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return new OverseerClient(http);
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
