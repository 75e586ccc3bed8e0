using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Tests.Tasks;

public sealed class TaskLifecycleTests(ApiApplication app) : IClassFixture<ApiApplication>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Submitted_task_runs_and_succeeds_with_its_output_and_history()
    {
        var client = app.AdminClient();
        var submitted = await client.SubmitTaskAsync(new TaskSpec { Name = "hello", Command = ["sh", "-c", "echo out; echo err >&2"] });

        var done = await client.WaitForTerminalAsync(submitted.Id, Wait);

        Assert.Equal(TaskState.Succeeded, done.State);
        var attempt = Assert.Single(done.Attempts);
        Assert.Equal(0, attempt.ExitCode);
        Assert.Equal(AttemptState.Succeeded, attempt.State);
        Assert.NotNull(attempt.StartedAt);
        Assert.True(attempt.FinishedAt >= attempt.StartedAt);
        var log = await client.GetLogsAsync(submitted.Id);
        Assert.Contains("out\n", log);
        Assert.Contains("err\n", log);
        var history = await client.GetTransitionsAsync(submitted.Id);
        Assert.Equal(
            [(null, TaskState.Queued), (TaskState.Queued, TaskState.Dispatching), (TaskState.Dispatching, TaskState.Running), (TaskState.Running, TaskState.Succeeded)],
            history.Select(t => (t.From, t.To)).ToList());
    }
}
