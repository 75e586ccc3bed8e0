using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.Testing;

namespace Overseer.Api.Tests.Execution.Local;

public sealed class LocalExecutorTests(ApiApplication app) : IClassFixture<ApiApplication>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly OverseerClient _client = app.AdminClient();

    private async Task<TaskDto> RunAsync(TaskSpec spec) =>
        await _client.WaitForTerminalAsync((await _client.SubmitTaskAsync(spec)).Id, Wait);

    [Fact]
    public async Task Non_zero_exit_fails_with_the_exit_code_as_an_application_failure()
    {
        var task = await RunAsync(new TaskSpec { Name = "exit-three", Command = ["sh", "-c", "exit 3"] });

        Assert.Equal(TaskState.Failed, task.State);
        var attempt = Assert.Single(task.Attempts);
        Assert.Equal(3, attempt.ExitCode);
        Assert.Equal(FailureType.Application, attempt.FailureType);
    }

    [Fact]
    public async Task Failed_attempts_are_retried_with_backoff_until_the_budget_is_spent()
    {
        var task = await RunAsync(new TaskSpec
        {
            Name = "retry-twice",
            Command = ["sh", "-c", "exit 1"],
            Retries = 2,
            Backoff = new BackoffSpec { InitialSeconds = 0.2, Factor = 2, MaxSeconds = 1 },
        });

        Assert.Equal(TaskState.Failed, task.State);
        Assert.Equal([1, 2, 3], task.Attempts.Select(a => a.Number));
        Assert.All(task.Attempts, a => Assert.Equal(AttemptState.Failed, a.State));
        var gap = task.Attempts[1].CreatedAt - task.Attempts[0].FinishedAt!.Value;
        Assert.True(gap >= TimeSpan.FromMilliseconds(180), $"backoff gap {gap.TotalMilliseconds} ms");
        var history = await _client.GetTransitionsAsync(task.Id);
        Assert.Equal(2, history.Count(t => t is { From: TaskState.Running, To: TaskState.Queued }));
    }

    [Fact]
    public async Task Retry_that_succeeds_ends_the_task_succeeded()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"overseer-flaky-{Guid.NewGuid():N}");
        var task = await RunAsync(new TaskSpec
        {
            Name = "flaky",
            Command = ["sh", "-c", $"if [ -e {marker} ]; then rm {marker}; exit 0; else touch {marker}; exit 1; fi"],
            Retries = 3,
            Backoff = new BackoffSpec { InitialSeconds = 0, Factor = 1, MaxSeconds = 0 },
        });

        Assert.Equal(TaskState.Succeeded, task.State);
        Assert.Equal([AttemptState.Failed, AttemptState.Succeeded], task.Attempts.Select(a => a.State));
    }

    [Fact]
    public async Task Timeout_kills_the_whole_process_tree_and_ends_timed_out()
    {
        var pidFile = Path.Combine(Path.GetTempPath(), $"overseer-child-{Guid.NewGuid():N}");
        var task = await RunAsync(new TaskSpec
        {
            Name = "too-slow",
            Command = ["sh", "-c", $"sleep 60 & echo $! > {pidFile}; wait"],
            TimeoutSeconds = 1,
        });

        Assert.Equal(TaskState.TimedOut, task.State);
        var attempt = Assert.Single(task.Attempts);
        Assert.Equal(FailureType.Timeout, attempt.FailureType);
        Assert.True(attempt.FinishedAt - attempt.StartedAt < TimeSpan.FromSeconds(5));
        var grandchild = int.Parse(File.ReadAllText(pidFile).Trim());
        await Eventually.TrueAsync(() => !ProcessTable.IsAlive(grandchild), TimeSpan.FromSeconds(5), "grandchild killed");
        File.Delete(pidFile);
    }

    [Fact]
    public async Task Output_past_the_limit_keeps_the_tail_behind_a_truncation_marker()
    {
        var task = await RunAsync(new TaskSpec
        {
            Name = "chatty",
            Command = ["sh", "-c", "head -c 3000000 /dev/zero | tr '\\0' 'x'; echo; echo THE-END"],
        });

        var attempt = Assert.Single(task.Attempts);
        Assert.InRange(attempt.LogBytes, 1024 * 1024 - 16 * 1024, 1024 * 1024);
        Assert.Equal(3_000_009, attempt.LogBytes + attempt.LogTruncatedBytes);
        var log = await _client.GetLogsAsync(task.Id);
        Assert.StartsWith("[overseer: ", log);
        Assert.Contains("truncated", log.Split('\n')[0]);
        Assert.EndsWith("xxx\nTHE-END\n", log);
    }

    [Fact]
    public async Task Invalid_utf8_and_nul_bytes_in_output_are_stored_and_shown_with_replacement_characters()
    {
        var task = await RunAsync(new TaskSpec { Name = "binary", Command = ["printf", "ok \\377\\376 \\000 done\\n"] });

        Assert.Equal(TaskState.Succeeded, task.State);
        var log = await _client.GetLogsAsync(task.Id);
        Assert.Contains("ok \uFFFD\uFFFD \0 done", log);
    }

    [Fact]
    public async Task Process_gets_the_environment_contract_and_none_of_the_api_secrets()
    {
        var task = await RunAsync(new TaskSpec { Name = "env-dump", Command = ["env"], Env = new Dictionary<string, string> { ["GREETING"] = "hi there" } });

        var env = (await _client.GetLogsAsync(task.Id)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        Assert.Equal(task.Id.ToString(), env["OVERSEER_TASK_ID"]);
        Assert.Equal("1", env["OVERSEER_ATTEMPT"]);
        Assert.Equal("env-dump", env["OVERSEER_TASK_NAME"]);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", env["TRACEPARENT"]);
        Assert.Equal("hi there", env["GREETING"]);
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("OVERSEER_ADMIN_TOKEN", env.Keys);
        Assert.DoesNotContain(env.Values, v => v.Contains(ApiApplication.AdminToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Arguments_are_passed_as_is_never_through_a_shell()
    {
        var task = await RunAsync(new TaskSpec { Name = "no-shell", Args = ["echo", "$HOME; rm -rf /tmp/nothing | `id`"] });

        Assert.Equal("$HOME; rm -rf /tmp/nothing | `id`\n", await _client.GetLogsAsync(task.Id));
    }

    [Fact]
    public async Task Missing_program_fails_with_a_reason_that_names_it()
    {
        var task = await RunAsync(new TaskSpec { Name = "no-such", Command = ["/nonexistent/program-xyz"] });

        Assert.Equal(TaskState.Failed, task.State);
        var attempt = Assert.Single(task.Attempts);
        Assert.Null(attempt.ExitCode);
        Assert.Contains("/nonexistent/program-xyz", attempt.Reason);
    }

    [Fact]
    public async Task Missing_working_directory_fails_with_a_clear_reason()
    {
        var task = await RunAsync(new TaskSpec { Name = "no-dir", Command = ["true"], WorkingDir = "/nonexistent/dir" });

        Assert.Equal(TaskState.Failed, task.State);
        Assert.Contains("working directory '/nonexistent/dir' does not exist", task.Attempts.Single().Reason);
    }

    [Fact]
    public async Task Working_directory_is_used_when_given()
    {
        var task = await RunAsync(new TaskSpec { Name = "pwd", Command = ["pwd"], WorkingDir = "/usr" });

        Assert.Equal("/usr\n", await _client.GetLogsAsync(task.Id));
    }

    [Fact]
    public async Task Output_of_a_running_task_is_visible_before_it_ends()
    {
        var task = await _client.SubmitTaskAsync(new TaskSpec { Name = "live-tail", Command = ["sh", "-c", "echo first; sleep 30"] });

        await Eventually.TrueAsync(async () => (await _client.GetLogsAsync(task.Id)).Contains("first\n"), Wait, "live output");
        Assert.Equal(TaskState.Running, (await _client.GetTaskAsync(task.Id)).State);
        await _client.CancelTaskAsync(task.Id);
        await _client.WaitForTerminalAsync(task.Id, Wait);
    }

    [Fact]
    public async Task A_task_with_an_image_says_the_local_executor_does_not_use_it_and_one_without_says_nothing()
    {
        var submitted = await _client.SubmitTaskAsync(new TaskSpec { Name = "with-image", Image = "busybox:1.36", Command = ["true"] });
        var ended = await _client.WaitForTerminalAsync(submitted.Id, Wait);
        var plain = await RunAsync(new TaskSpec { Name = "no-image", Command = ["true"] });

        Assert.Equal(TaskState.Succeeded, ended.State);
        var notice = Assert.Single(submitted.Notices!);
        Assert.Contains("image 'busybox:1.36' is not used: the local executor runs the command on this host", notice, StringComparison.Ordinal);
        Assert.Equal([notice], ended.Notices);
        Assert.Null(plain.Notices);
    }

    [Fact]
    public async Task A_task_with_resources_says_they_are_recorded_but_not_enforced()
    {
        var submitted = await _client.SubmitTaskAsync(new TaskSpec
        {
            Name = "with-resources",
            Command = ["true"],
            Resources = new ResourceSpec { Limits = new Dictionary<string, string> { ["memory"] = "64Mi" } },
        });
        var ended = await _client.WaitForTerminalAsync(submitted.Id, Wait);

        Assert.Equal(TaskState.Succeeded, ended.State);
        Assert.Equal("64Mi", ended.Spec.Resources!.Limits["memory"]);
        var notice = Assert.Single(ended.Notices!);
        Assert.StartsWith("resources are recorded but not enforced: the local executor does not limit CPU or memory", notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Executor_endpoint_says_how_tasks_are_isolated()
    {
        var executor = await _client.GetExecutorAsync();
        var id = (await RunAsync(new TaskSpec { Name = "whoami", Command = ["id", "-un"] })).Id;

        Assert.Equal(("local", false), (executor.Kind, executor.EgressEnforced));
        Assert.Contains("advisory", executor.Isolation, StringComparison.Ordinal);
        if (Overseer.ServiceDefaults.Posix.Native.IsRoot)
        {
            Assert.Equal("overseer-task", executor.TaskUser);
            Assert.Equal("overseer-task\n", await _client.GetLogsAsync(id));
        }
        else
        {
            Assert.Null(executor.TaskUser);
            Assert.Equal(Environment.UserName + "\n", await _client.GetLogsAsync(id));
        }
    }
}
