using System.Net;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.Testing;

namespace Overseer.Api.Tests.Tasks;

public sealed class TasksApiTests(SingleSlotApiApplication app) : IClassFixture<SingleSlotApiApplication>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly OverseerClient _client = app.AdminClient();

    [Fact]
    public async Task Submit_answers_201_with_location_and_the_normalized_spec()
    {
        using var response = await _client.Http.PostAsync("api/v1/tasks",
            new StringContent("""{"name":"created","args":["true"]}""", System.Text.Encoding.UTF8, "application/json"));
        var task = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<TaskDto>(response.Content,
            Overseer.Contracts.Json.ContractsJson.Lenient.TaskDto);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/tasks/{task!.Id}", response.Headers.Location?.ToString());
        Assert.Equal(TaskSpec.DefaultTimeoutSeconds, task.Spec.TimeoutSeconds);
        Assert.Equal(0, task.Spec.Retries);
        await _client.WaitForTerminalAsync(task.Id, Wait);
    }

    [Fact]
    public async Task List_pages_newest_first_without_gaps_or_repeats_and_filters_by_name_and_state()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await _client.SubmitTaskAsync(new TaskSpec { Name = $"page-{i}", Command = ["true"] })).Id);
        }
        foreach (var id in ids)
        {
            await _client.WaitForTerminalAsync(id, Wait);
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _client.ListTasksAsync(new TaskQuery { NamePrefix = "page-", Limit = 3, Cursor = cursor });
            seen.AddRange(page.Items.Select(t => t.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(ids), seen);
        var succeeded = await _client.ListTasksAsync(new TaskQuery { NamePrefix = "page-", States = [TaskState.Succeeded], Limit = 500 });
        Assert.Equal(7, succeeded.Items.Count);
        var failed = await _client.ListTasksAsync(new TaskQuery { NamePrefix = "page-", States = [TaskState.Failed] });
        Assert.Empty(failed.Items);
        var escaped = await _client.ListTasksAsync(new TaskQuery { NamePrefix = "page_" });
        Assert.Empty(escaped.Items);
    }

    [Fact]
    public async Task Cancel_of_a_queued_task_cancels_it_at_once_and_of_a_running_task_stops_its_process()
    {
        var running = await _client.SubmitTaskAsync(new TaskSpec { Name = "blocker", Command = ["sleep", "30"] });
        await Eventually.TrueAsync(async () => (await _client.GetTaskAsync(running.Id)).State == TaskState.Running, Wait, "blocker running");
        var queued = await _client.SubmitTaskAsync(new TaskSpec { Name = "waiting", Command = ["true"] });

        var cancelledQueued = await _client.CancelTaskAsync(queued.Id);
        var started = DateTime.UtcNow;
        var cancelling = await _client.CancelTaskAsync(running.Id);
        var cancelledRunning = await _client.WaitForTerminalAsync(running.Id, Wait);

        Assert.Equal(TaskState.Cancelled, cancelledQueued.State);
        Assert.Empty(cancelledQueued.Attempts);
        Assert.True(cancelling.CancelRequested);
        Assert.Equal(TaskState.Cancelled, cancelledRunning.State);
        Assert.Equal(AttemptState.Cancelled, cancelledRunning.Attempts.Single().State);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "cancel took too long");
        var history = await _client.GetTransitionsAsync(queued.Id);
        Assert.Equal((TaskState.Queued, TaskState.Cancelled), (history[^1].From!.Value, history[^1].To));
    }

    [Fact]
    public async Task Cancel_of_a_finished_task_gets_409_and_changes_nothing()
    {
        var task = await _client.SubmitTaskAsync(new TaskSpec { Name = "done-already", Command = ["true"] });
        await _client.WaitForTerminalAsync(task.Id, Wait);
        var before = await _client.GetTransitionsAsync(task.Id);

        var error = await Assert.ThrowsAsync<OverseerApiException>(() => _client.CancelTaskAsync(task.Id));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Equal(TaskState.Succeeded, (await _client.GetTaskAsync(task.Id)).State);
        Assert.Equal(before.Count, (await _client.GetTransitionsAsync(task.Id)).Count);
    }

    [Fact]
    public async Task Retry_of_a_failed_task_runs_it_again_as_a_new_task_and_retry_of_a_running_task_gets_409()
    {
        var failed = await _client.SubmitTaskAsync(new TaskSpec { Name = "fails-once", Command = ["sh", "-c", "exit 4"] });
        Assert.Equal(TaskState.Failed, (await _client.WaitForTerminalAsync(failed.Id, Wait)).State);

        var rerun = await _client.RetryTaskAsync(failed.Id);
        var running = await _client.SubmitTaskAsync(new TaskSpec { Name = "still-running", Command = ["sleep", "30"] });
        var conflict = await Assert.ThrowsAsync<OverseerApiException>(() => _client.RetryTaskAsync(running.Id));
        await _client.CancelTaskAsync(running.Id);

        Assert.NotEqual(failed.Id, rerun.Id);
        Assert.Equal(failed.Id, rerun.RetryOf);
        Assert.Equal(TaskState.Failed, (await _client.WaitForTerminalAsync(rerun.Id, Wait)).State);
        Assert.Equal(TaskState.Failed, (await _client.GetTaskAsync(failed.Id)).State);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var missing = await Assert.ThrowsAsync<OverseerApiException>(() => _client.RetryTaskAsync(Guid.CreateVersion7()));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
