using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Overseer.Contracts.Auth;
using Overseer.Contracts.Json;
using Overseer.Contracts.Paging;
using Overseer.Contracts.Problems;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Workflows;

namespace Overseer.Contracts.Client;

/// <summary>Typed client of the Overseer Api. The <see cref="HttpClient"/> carries the base address and the bearer token.</summary>
public sealed partial class OverseerClient(HttpClient http)
{
    private static ContractsJsonContext Json => ContractsJson.Lenient;

    /// <summary>The underlying HTTP client.</summary>
    public HttpClient Http => http;

    /// <summary>Submits a task; answers the created task.</summary>
    public Task<TaskDto> SubmitTaskAsync(TaskSpec spec, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "api/v1/tasks", JsonContent.Create(spec, Json.TaskSpec), Json.TaskDto, ct);

    /// <summary>Gets a task with its attempts.</summary>
    public Task<TaskDto> GetTaskAsync(Guid id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"api/v1/tasks/{id}", null, Json.TaskDto, ct);

    /// <summary>Lists tasks, newest first.</summary>
    public Task<Page<TaskSummaryDto>> ListTasksAsync(TaskQuery query, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "api/v1/tasks" + query.ToQueryString(), null, Json.PageTaskSummaryDto, ct);

    /// <summary>Gets the stored output of an attempt (the latest when <paramref name="attempt"/> is null).</summary>
    public async Task<string> GetLogsAsync(Guid id, int? attempt = null, CancellationToken ct = default)
    {
        using var response = await http.GetAsync($"api/v1/tasks/{id}/logs" + (attempt is null ? "" : $"?attempt={attempt}"), ct);
        await EnsureSuccessAsync(response, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    /// <summary>Gets every recorded state change of a task.</summary>
    public Task<IReadOnlyList<TransitionDto>> GetTransitionsAsync(Guid id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"api/v1/tasks/{id}/transitions", null, Json.IReadOnlyListTransitionDto, ct);

    /// <summary>Cancels a task; a running one is stopped.</summary>
    public Task<TaskDto> CancelTaskAsync(Guid id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/tasks/{id}/cancel", null, Json.TaskDto, ct);

    /// <summary>Re-runs a finished, unsuccessful task as a new task; answers the new task.</summary>
    public Task<TaskDto> RetryTaskAsync(Guid id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/tasks/{id}/retry", null, Json.TaskDto, ct);

    /// <summary>Creates an API token (admin scope needed).</summary>
    public Task<CreatedTokenDto> CreateTokenAsync(CreateTokenRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "api/v1/tokens", JsonContent.Create(request, Json.CreateTokenRequest), Json.CreatedTokenDto, ct);

    /// <summary>Submits a workflow document (YAML or JSON); with <paramref name="dryRun"/>, answers the compiled plan and creates nothing.</summary>
    public Task<WorkflowDto> SubmitWorkflowAsync(string document, bool dryRun = false, string mediaType = "application/yaml", CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "api/v1/workflows" + (dryRun ? "?dryRun=true" : ""),
            new StringContent(document, System.Text.Encoding.UTF8, mediaType), Json.WorkflowDto, ct);

    /// <summary>Gets a workflow run with the state of every job.</summary>
    public Task<WorkflowDto> GetWorkflowAsync(Guid id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"api/v1/workflows/{id}", null, Json.WorkflowDto, ct);

    /// <summary>Lists workflow runs, newest first.</summary>
    public Task<Page<WorkflowSummaryDto>> ListWorkflowsAsync(string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "api/v1/workflows?" + (cursor is null ? "" : $"cursor={Uri.EscapeDataString(cursor)}&") + (limit is null ? "" : $"limit={limit}"),
            null, Json.PageWorkflowSummaryDto, ct);

    /// <summary>The run's dependency tree as text.</summary>
    public async Task<string> GetWorkflowTreeAsync(Guid id, CancellationToken ct = default)
    {
        using var response = await http.GetAsync($"api/v1/workflows/{id}/tree", ct);
        await EnsureSuccessAsync(response, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    /// <summary>Cancels a run: running jobs are stopped, the rest skipped.</summary>
    public Task<WorkflowDto> CancelWorkflowAsync(Guid id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/workflows/{id}/cancel", null, Json.WorkflowDto, ct);

    /// <summary>Re-runs the failed and skipped jobs of a finished run as a new run; answers the new run.</summary>
    public Task<WorkflowDto> RetryWorkflowAsync(Guid id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/workflows/{id}/retry", null, Json.WorkflowDto, ct);

    /// <summary>Polls a run until it has ended or <paramref name="timeout"/> passes.</summary>
    public async Task<WorkflowDto> WaitForWorkflowAsync(Guid id, TimeSpan timeout, CancellationToken ct = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        while (true)
        {
            var run = await GetWorkflowAsync(id, cts.Token);
            if (run.State is not (WorkflowState.Running or WorkflowState.Pending))
            {
                return run;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), cts.Token);
        }
    }

    /// <summary>Polls a task until it is terminal or <paramref name="timeout"/> passes.</summary>
    public async Task<TaskDto> WaitForTerminalAsync(Guid id, TimeSpan timeout, CancellationToken ct = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        while (true)
        {
            var task = await GetTaskAsync(id, cts.Token);
            if (task.State.IsTerminal())
            {
                return task;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), cts.Token);
        }
    }

    private Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, CancellationToken ct) =>
        ApiResponses.SendAsync(http, method, path, content, type, ct);

    private static Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct) => ApiResponses.EnsureSuccessAsync(response, ct);
}
