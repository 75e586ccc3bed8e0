namespace Overseer.Dashboard.Account;

/// <summary>Redirect targets taken from forms must stay on this site.</summary>
public static class LocalUrl
{
    /// <summary><paramref name="url"/> when it is a local path (not <c>//host</c>, not <c>/\host</c>), else <paramref name="fallback"/>.</summary>
    public static string OrDefault(string? url, string fallback = "/") =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            && !url.Any(char.IsControl) ? url : fallback;
}
