using System.Net.Http.Json;
using Overseer.Contracts.Client;
using Overseer.Contracts.Json;

namespace Overseer.Api.Tests.Tasks;

/// <summary>Raw GETs whose error answers are read as problem details, for query strings the typed client cannot produce.</summary>
internal static class ProblemRequests
{
    public static async Task GetFromProblemAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        if (!response.IsSuccessStatusCode)
        {
            throw new OverseerApiException(response.StatusCode, await response.Content.ReadFromJsonAsync(ContractsJson.Lenient.ProblemDto));
        }
    }
}
