using System.Net;
using Overseer.Contracts.Client;

namespace Overseer.Dashboard.Actions;

/// <summary>
/// How an action ends: a redirect (303, so a reload does not post again) to where the user was, with a notice or an
/// error code; the page turns the code into a fixed message, so no text from the request is reflected.
/// </summary>
internal static class ActionOutcome
{
    /// <summary>Redirects to <paramref name="path"/> with <c>notice=…</c>.</summary>
    public static IResult Done(string path, string notice, params (string Key, string Value)[] extra) =>
        Redirect(With(path, [("notice", notice), .. extra]));

    /// <summary>Redirects to <paramref name="path"/> with <c>error=…</c>.</summary>
    public static IResult Failed(string path, string code) => Redirect(With(path, [("error", code)]));

    /// <summary>Runs an action; Api refusals (except an ended session, which the error middleware handles) redirect with an error code.</summary>
    public static async Task<IResult> RunAsync(string errorPath, Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (OverseerApiException e) when (e.StatusCode != HttpStatusCode.Unauthorized)
        {
            return Failed(errorPath, ErrorCode(e));
        }
    }

    /// <summary>The error code of an Api refusal.</summary>
    public static string ErrorCode(OverseerApiException e) => e.StatusCode switch
    {
        HttpStatusCode.Conflict => "conflict",
        HttpStatusCode.NotFound => "not-found",
        HttpStatusCode.Forbidden => "forbidden",
        HttpStatusCode.BadRequest => "invalid",
        _ => "failed",
    };

    /// <summary><paramref name="path"/> with query parameters added.</summary>
    public static string With(string path, IEnumerable<(string Key, string Value)> query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, query.Select(q => KeyValuePair.Create(q.Key, (string?)q.Value)));

    private static IResult Redirect(string location) => new SeeOther(location);

    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
