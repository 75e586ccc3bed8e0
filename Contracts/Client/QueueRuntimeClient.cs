using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Overseer.Contracts.Problems;
using Overseer.Contracts.Queues;

namespace Overseer.Contracts.Client;

/// <summary>
/// Client of the runtime protocol under <c>/internal/v1/queues/{queue}/</c> (see docs/queue-protocol.md). The
/// <see cref="HttpClient"/> carries the base address and the queue-scoped runtime token.
/// </summary>
public sealed class QueueRuntimeClient(HttpClient http, string queue)
{
    private static QueuesJsonContext Json => QueuesJson.Lenient;

    private readonly string _base = $"internal/v1/queues/{Uri.EscapeDataString(queue)}/";

    /// <summary>The underlying HTTP client.</summary>
    public HttpClient Http => http;

    /// <summary>The queue this client works on.</summary>
    public string Queue => queue;

    /// <summary>Claims up to <paramref name="max"/> items, acking <paramref name="ack"/> first in the same transaction.</summary>
    public Task<ClaimResponse> ClaimAsync(int max, IReadOnlyList<LeaseRef>? ack = null, CancellationToken ct = default) =>
        SendAsync("claim", JsonContent.Create(new ClaimRequest { Max = max, Ack = ack }, Json.ClaimRequest), Json.ClaimResponse, null, ct);

    /// <summary>Renews leases.</summary>
    public Task<ExtendResponse> ExtendAsync(IReadOnlyList<LeaseRef> items, CancellationToken ct = default) =>
        SendAsync("extend", Leases(items), Json.ExtendResponse, stale => new ExtendResponse([], stale), ct);

    /// <summary>Completes items.</summary>
    public Task<AckResponse> AckAsync(IReadOnlyList<LeaseRef> items, CancellationToken ct = default) =>
        SendAsync("ack", Leases(items), Json.AckResponse, stale => new AckResponse([], stale), ct);

    /// <summary>Reports failed attempts; each item is retried after its delay, or goes to <c>dead</c>.</summary>
    public Task<NackResponse> NackAsync(IReadOnlyList<NackItem> items, CancellationToken ct = default) =>
        SendAsync("nack", JsonContent.Create(new NackRequest { Items = items }, Json.NackRequest), Json.NackResponse,
            stale => new NackResponse([], [], stale), ct);

    /// <summary>Gives items back without counting the attempt (used when shutting down).</summary>
    public Task<ReleaseResponse> ReleaseAsync(IReadOnlyList<LeaseRef> items, CancellationToken ct = default) =>
        SendAsync("release", Leases(items), Json.ReleaseResponse, stale => new ReleaseResponse([], stale), ct);

    private static JsonContent Leases(IReadOnlyList<LeaseRef> items) => JsonContent.Create(new LeasesRequest { Items = items }, Json.LeasesRequest);

    private async Task<T> SendAsync<T>(string verb, HttpContent content, JsonTypeInfo<T> type, Func<IReadOnlyList<long>, T>? allStale,
        CancellationToken ct)
    {
        using var response = await http.PostAsync(_base + verb, content, ct);
        if (response.IsSuccessStatusCode)
        {
            return await response.Content.ReadFromJsonAsync(type, ct)
                ?? throw new OverseerApiException(response.StatusCode, new ProblemDto { Detail = "empty response body" });
        }
        var problem = await ApiResponses.ReadProblemAsync(response, ct);
        // 409 means every item was stale; the problem lists them.
        if (response.StatusCode == HttpStatusCode.Conflict && allStale is not null
            && problem?.Extensions?.TryGetValue("stale", out var stale) == true && stale.ValueKind == JsonValueKind.Array)
        {
            return allStale([.. stale.EnumerateArray().Select(e => e.GetInt64())]);
        }
        throw new OverseerApiException(response.StatusCode, problem);
    }
}
