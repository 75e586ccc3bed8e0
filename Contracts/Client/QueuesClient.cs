using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using Overseer.Contracts.Problems;
using Overseer.Contracts.Queues;

namespace Overseer.Contracts.Client;

/// <summary>Typed client of <c>/api/v1/queues</c>. The <see cref="HttpClient"/> carries the base address and the bearer token.</summary>
public sealed class QueuesClient(HttpClient http)
{
    private static QueuesJsonContext Json => QueuesJson.Lenient;

    /// <summary>The underlying HTTP client.</summary>
    public HttpClient Http => http;

    /// <summary>Creates or replaces a queue definition.</summary>
    public Task<QueueDto> DefineAsync(string name, QueueSpec spec, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"api/v1/queues/{name}", JsonContent.Create(spec, Json.QueueSpec), Json.QueueDto, ct);

    /// <summary>Gets a queue with its statistics and pool state.</summary>
    public Task<QueueDto> GetAsync(string name, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"api/v1/queues/{name}", null, Json.QueueDto, ct);

    /// <summary>Lists every queue.</summary>
    public Task<IReadOnlyList<QueueDto>> ListAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "api/v1/queues", null, Json.IReadOnlyListQueueDto, ct);

    /// <summary>Deletes a queue and its items; refused while items are claimed unless <paramref name="force"/>.</summary>
    public async Task DeleteAsync(string name, bool force = false, CancellationToken ct = default)
    {
        using var response = await http.DeleteAsync($"api/v1/queues/{name}" + (force ? "?force=true" : ""), ct);
        await EnsureSuccessAsync(response, ct);
    }

    /// <summary>Pauses a queue: no claims are answered and no pool is started.</summary>
    public Task<QueueDto> PauseAsync(string name, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/queues/{name}:pause", null, Json.QueueDto, ct);

    /// <summary>Resumes a paused queue.</summary>
    public Task<QueueDto> ResumeAsync(string name, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/queues/{name}:resume", null, Json.QueueDto, ct);

    /// <summary>Enqueues items (up to 10,000 per call); answers their ids in order.</summary>
    public Task<EnqueuedDto> EnqueueAsync(string name, IReadOnlyList<EnqueueItem> items, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/queues/{name}/items", JsonContent.Create(items.ToList(), Json.ListEnqueueItem), Json.EnqueuedDto, ct);

    /// <summary>Enqueues one item; answers its id.</summary>
    public async Task<long> EnqueueAsync(string name, EnqueueItem item, CancellationToken ct = default) =>
        (await SendAsync(HttpMethod.Post, $"api/v1/queues/{name}/items", JsonContent.Create(item, Json.EnqueueItem), Json.EnqueuedDto, ct)).Ids[0];

    /// <summary>Lists items, newest first, optionally of one state.</summary>
    public Task<IReadOnlyList<QueueItemDto>> ListItemsAsync(string name, string? state = null, int limit = 100, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"api/v1/queues/{name}/items?limit={limit}" + (state is null ? "" : $"&state={state}"), null,
            Json.IReadOnlyListQueueItemDto, ct);

    /// <summary>Moves a dead item back to available (attempts reset).</summary>
    public Task<QueueItemDto> RequeueAsync(string name, long id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/queues/{name}/items/{id}:requeue", null, Json.QueueItemDto, ct);

    /// <summary>Creates a runtime credential scoped to the queue (admin scope needed).</summary>
    public Task<CreatedQueueTokenDto> CreateTokenAsync(string name, string tokenName, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/queues/{name}/tokens",
            JsonContent.Create(new QueueTokenRequest { Name = tokenName }, Json.QueueTokenRequest), Json.CreatedQueueTokenDto, ct);

    /// <summary>Imports a job-chief <c>jobs.json</c> (comments allowed); with <paramref name="dryRun"/>, says what it would do and writes nothing.</summary>
    public Task<ImportResultDto> ImportJobChiefAsync(string jobsJson, bool dryRun = false, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "api/v1/queues:import?format=job-chief" + (dryRun ? "&dryRun=true" : ""), new StringContent(jobsJson, Encoding.UTF8, "application/json"),
            Json.ImportResultDto, ct);

    private Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, CancellationToken ct) =>
        ApiResponses.SendAsync(http, method, path, content, type, ct);

    private static Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct) => ApiResponses.EnsureSuccessAsync(response, ct);
}
