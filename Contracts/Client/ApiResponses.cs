using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Overseer.Contracts.Json;
using Overseer.Contracts.Problems;

namespace Overseer.Contracts.Client;

/// <summary>How every Overseer client sends a request and turns a failed answer into an <see cref="OverseerApiException"/>.</summary>
internal static class ApiResponses
{
    /// <summary>Sends a request and reads its JSON answer; a failure status throws with the problem details.</summary>
    public static async Task<T> SendAsync<T>(HttpClient http, HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type,
        CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await http.SendAsync(request, ct);
        await EnsureSuccessAsync(response, ct);
        return await response.Content.ReadFromJsonAsync(type, ct)
            ?? throw new OverseerApiException(response.StatusCode, new ProblemDto { Detail = "empty response body" });
    }

    /// <summary>Throws an <see cref="OverseerApiException"/> carrying the problem details unless the status is a success.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new OverseerApiException(response.StatusCode, await ReadProblemAsync(response, ct))
            {
                RetryAfter = response.Headers.RetryAfter is { } retry
                    ? retry.Delta ?? (retry.Date is { } date ? date - DateTimeOffset.UtcNow : null)
                    : null,
            };
        }
    }

    /// <summary>The answer's problem details, when it has a JSON body.</summary>
    public static async Task<ProblemDto?> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct) =>
        response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json"
            ? await response.Content.ReadFromJsonAsync(ContractsJson.Lenient.ProblemDto, ct)
            : null;
}
