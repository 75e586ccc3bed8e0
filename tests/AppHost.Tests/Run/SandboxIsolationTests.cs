using Overseer.Contracts.Tasks;
using Overseer.Testing;

namespace Overseer.AppHost.Tests.Run;

/// <summary>
/// The bubblewrap sandbox (<c>--task-sandbox bwrap</c>, the default wherever bwrap is installed): a task sees only its own
/// processes, its own <c>/tmp</c>, and an empty directory where the data dir is, but for its own working directory.
/// </summary>
public sealed class SandboxIsolationTests(SandboxedAppHost apphost) : IClassFixture<SandboxedAppHost>
{
    [Fact]
    public async Task Task_cannot_see_the_managers_processes()
    {
        var api = apphost.Pid("api");

        var (task, log) = await apphost.RunAsync($"test -e /proc/{api} && echo 'SEES api'; ls /proc | grep -c '^[0-9]'");

        Assert.Equal(TaskState.Succeeded, task.State);
        Assert.DoesNotContain("SEES", log, StringComparison.Ordinal);
        Assert.True(int.Parse(log.Trim()) <= 4, $"the task's pid namespace holds {log.Trim()} processes");
        Assert.Contains("each in a bwrap sandbox (own pid namespace, private /tmp, data dir hidden)", apphost.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_dir_is_hidden_but_for_the_tasks_own_working_directory()
    {
        var (task, log) = await apphost.RunAsync($"ls -A '{apphost.DataDir}'; pwd; touch mine && echo wrote");

        Assert.Equal(TaskState.Succeeded, task.State);
        Assert.Equal($"work\n{Path.Combine(apphost.DataDir, "work", $"{task.Id:N}-1")}\nwrote\n", log);
    }

    [Fact]
    public async Task Tmp_is_private_to_the_task()
    {
        var outside = Path.Combine("/tmp", $"overseer-outside-{Guid.NewGuid():N}");
        File.WriteAllText(outside, "host file");
        try
        {
            var (task, log) = await apphost.RunAsync($"test -e {outside} && echo 'SEES host tmp'; echo inside > /tmp/inside; cat /tmp/inside");

            Assert.Equal(TaskState.Succeeded, task.State);
            Assert.Equal("inside\n", log);
            Assert.False(File.Exists("/tmp/inside") && File.ReadAllText("/tmp/inside") == "inside\n", "the task's /tmp is not the host's");
        }
        finally
        {
            File.Delete(outside);
        }
    }
}
