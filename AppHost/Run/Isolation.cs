using System.Net.Http.Headers;
using System.Text.Json;

namespace Overseer.AppHost.Run;

/// <summary>What isolates local tasks, in the Api's words (<c>GET /api/v1/executor</c>).</summary>
internal static class Isolation
{
    /// <summary>Asks the Api; a failure is reported as "unknown" with the reason.</summary>
    public static async Task<string> AskAsync(ReadyTable table, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{table.Options.ApiPort}/"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(table.DataDir, AdminToken.FileName)).Trim());
        try
        {
            using var answer = JsonDocument.Parse(await http.GetStringAsync("api/v1/executor", ct));
            return answer.RootElement.GetProperty("isolation").GetString() ?? "unknown";
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or TaskCanceledException)
        {
            return $"unknown (the Api did not say: {e.Message})";
        }
    }
}
