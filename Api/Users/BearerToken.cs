namespace Overseer.Api.Users;

/// <summary>The bearer token a request authenticated with (the handler already accepted it).</summary>
internal static class BearerToken
{
    public static string? Of(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
