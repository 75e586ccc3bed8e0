using Overseer.Contracts.Tasks;
using Overseer.ServiceDefaults.Posix;
using Overseer.Testing;

namespace Overseer.AppHost.Tests.Run;

/// <summary>
/// The attacker's probes of issue 13 against a real AppHost without a sandbox: what a task (anyone with a write token)
/// can reach of the manager. Run as root, as these machines and many CI runners do, tasks run as the task user.
/// </summary>
public sealed class LocalIsolationTests(UnsandboxedAppHost apphost) : IClassFixture<UnsandboxedAppHost>
{
    private static readonly string[] ManagerFiles =
        ["admin-token", "result-master-key", "postgres.password", "postgres.port", "proxy-rules.txt", "apphost.pids", "aspire-api-key"];

    private static readonly string[] ManagerDirectories = ["", "postgres", "secrets", "configmaps", "sidecar-spool", "work"];

    private static readonly string[] ManagerProcesses = ["apphost", "api", "sidecar", "postgres"];

    [Fact]
    public async Task Task_runs_as_the_task_user_without_groups_or_new_privileges_when_apphost_is_root()
    {
        var (task, log) = await apphost.RunAsync("id -u; id -G; grep NoNewPrivs /proc/self/status");

        Assert.Equal(TaskState.Succeeded, task.State);
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (Native.IsRoot)
        {
            var user = UnixUser.Find("overseer-task")!;
            Assert.Equal(user.Uid.ToString(), lines[0]);
            Assert.Equal(user.Gid.ToString(), lines[1]);
            Assert.Equal("NoNewPrivs:\t1", lines[2]);
            Assert.Contains($"isolation: tasks run as user overseer-task (uid {user.Uid})", apphost.Output, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("isolation: tasks run as the Api's own user (it is not root)", apphost.Output, StringComparison.Ordinal);
        }
        Assert.Contains("no sandbox", apphost.Output, StringComparison.Ordinal);
        Assert.Contains("advisory", apphost.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_dir_files_and_directories_cannot_be_read_or_listed_by_a_task()
    {
        var probes = string.Join("; ", ManagerFiles.Select(f => $"cat '{Path.Combine(apphost.DataDir, f)}' >/dev/null 2>&1 && echo 'READ {f}'")
            .Concat(ManagerDirectories.Select(d => $"ls '{Path.Combine(apphost.DataDir, d)}' >/dev/null 2>&1 && echo 'LISTED /{d}'")));

        var (task, log) = await apphost.RunAsync(probes + "; echo probed");

        Assert.Equal(TaskState.Succeeded, task.State);
        Assert.Equal(Native.IsRoot ? "probed\n" : log, log);
        foreach (var file in ManagerFiles)
        {
            var mode = File.GetUnixFileMode(Path.Combine(apphost.DataDir, file));
            Assert.True(mode == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{file} is {mode}");
        }
    }

    [Fact]
    public async Task Environment_of_the_api_sidecar_apphost_and_postgres_cannot_be_read_by_a_task()
    {
        var pids = ManagerProcesses.Select(n => (Name: n, Pid: apphost.Pid(n))).ToList();
        var probes = string.Join("; ", pids.Select(p => $"head -c1 /proc/{p.Pid}/environ >/dev/null 2>&1 && echo 'READ {p.Name}'"));

        var (task, log) = await apphost.RunAsync(probes + "; echo probed");

        Assert.Equal(TaskState.Succeeded, task.State);
        Assert.All(pids, p => Assert.True(Native.IsAlive(p.Pid), $"{p.Name} ({p.Pid}) runs"));
        Assert.Equal(Native.IsRoot ? "probed\n" : log, log);
    }

    [Fact]
    public async Task Each_attempt_works_in_its_own_private_directory_that_is_removed_when_it_ends()
    {
        var (task, log) = await apphost.RunAsync("pwd; stat -c '%U %a' .; ls .. >/dev/null 2>&1 && echo 'LISTED work root'; echo done");

        Assert.Equal(TaskState.Succeeded, task.State);
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var dir = lines[0];
        Assert.Equal(Path.Combine(apphost.DataDir, "work", $"{task.Id:N}-1"), dir);
        Assert.Equal((Native.IsRoot ? "overseer-task" : Environment.UserName) + " 700", lines[1]);
        Assert.Equal(Native.IsRoot ? "done" : lines[2], lines[2]);
        Assert.False(Directory.Exists(dir), "the attempt's directory is removed");
        Assert.Equal(PrivateFiles.Traversable, File.GetUnixFileMode(Path.Combine(apphost.DataDir, "work")));
        Assert.Equal(PrivateFiles.Traversable, File.GetUnixFileMode(apphost.DataDir));
    }

    [Fact]
    public async Task A_task_cannot_reach_the_master_key_nor_post_a_result_for_another_running_task()
    {
        var victim = await apphost.Client.SubmitTaskAsync(new TaskSpec { Name = "victim", Command = ["sleep", "4"] });
        await Eventually.TrueAsync(async () => (await apphost.Client.GetTaskAsync(victim.Id)).State == TaskState.Running,
            TimeSpan.FromSeconds(30), "the victim runs");
        // The attacker knows the victim's id. It tries the key file, then the relay with its own enrollment token in the
        // victim's URL (the only token it holds), and prints what each step got.
        var script = $$"""
            cat '{{Path.Combine(apphost.DataDir, "result-master-key")}}' >/dev/null 2>&1 && echo 'READ master key'
            own=$(echo "$OVERSEER_RESULT_URL" | sed -E 's#.*/attempts/[^/]+/[0-9]+/([^/]+)/result#\1#')
            curl -s -o /dev/null -w 'forged %{http_code}\n' -X POST -H 'Content-Type: application/json' \
              --data '{"forged":true}' "http://127.0.0.1:{{apphost.SidecarPort}}/v1/attempts/{{victim.Id}}/1/$own/result"
            """;

        var (task, log) = await apphost.RunAsync(script);
        var ended = await apphost.Client.WaitForTerminalAsync(victim.Id, TimeSpan.FromSeconds(60));

        Assert.Equal(TaskState.Succeeded, task.State);
        Assert.Equal(Native.IsRoot ? "forged 403\n" : log, log);
        Assert.Equal(TaskState.Succeeded, ended.State);
        Assert.Null(ended.Attempts.Single().Result);
    }

    [Fact]
    public async Task A_secret_that_links_out_of_the_secrets_directory_fails_the_start_naming_it()
    {
        var (task, log) = await apphost.RunAsync("echo \"$SHADOW\"", new TaskSpec
        {
            Name = "shadow",
            ValueFrom = new Dictionary<string, ValueFromSpec> { ["SHADOW"] = new() { SecretKeyRef = new KeyRef { Name = "evil", Key = "shadow" } } },
        });

        Assert.Equal((TaskState.Failed, null), (task.State, task.Attempts.Single().ExitCode));
        Assert.Contains("secret \"evil\" key \"shadow\" is a symbolic link that leaves", task.Attempts.Single().Reason, StringComparison.Ordinal);
        Assert.Equal("", log);
    }
}
