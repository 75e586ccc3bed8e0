using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Overseer.Contracts.Auth;
using Overseer.Contracts.Json;
using Overseer.Contracts.Paging;
using Overseer.Contracts.Problems;
using Overseer.Contracts.Tasks;

namespace Overseer.Contracts.Client;

/// <summary>Typed client of the Overseer Api. The <see cref="HttpClient"/> carries the base address and the bearer token.</summary>
public sealed class OverseerClient(HttpClient http)
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

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await http.SendAsync(request, ct);
        await EnsureSuccessAsync(response, ct);
        return await response.Content.ReadFromJsonAsync(type, ct)
            ?? throw new OverseerApiException(response.StatusCode, new ProblemDto { Detail = "empty response body" });
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        ProblemDto? problem = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            problem = await response.Content.ReadFromJsonAsync(Json.ProblemDto, ct);
        }
        throw new OverseerApiException(response.StatusCode, problem);
    }
}
