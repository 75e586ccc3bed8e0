namespace Overseer.AppHost.Model;

/// <summary>One GET of a health URL: null when it answers 2xx, else what went wrong.</summary>
internal static class HttpProbe
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>Probes <paramref name="url"/>.</summary>
    public static async Task<string?> GetAsync(Uri url, CancellationToken ct)
    {
        try
        {
            using var response = await Http.GetAsync(url, ct);
            return response.IsSuccessStatusCode ? null : $"{url} answered {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return $"{url}: {e.Message}";
        }
    }
}
