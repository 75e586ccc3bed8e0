namespace Overseer.Dashboard.Security;

/// <summary>Recognizes requests made by htmx (fragments), which want <c>HX-Redirect</c> instead of 302s.</summary>
internal static class Htmx
{
    public static bool IsRequest(HttpRequest request) => request.Headers["HX-Request"] == "true";
}
