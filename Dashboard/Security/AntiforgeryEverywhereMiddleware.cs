using Microsoft.AspNetCore.Antiforgery;

namespace Overseer.Dashboard.Security;

/// <summary>
/// Deny by default: every request with a method other than GET, HEAD, OPTIONS or TRACE must carry a valid antiforgery
/// token (the form field or the <c>RequestVerificationToken</c> header), whatever endpoint it is routed to, or it is
/// answered 400 before any endpoint runs. The endpoint-level check of ASP.NET Core alone is not enough: a minimal-API
/// endpoint that binds no form runs even when its token is missing, and an endpoint added without the metadata would
/// not be checked at all. SameSite=Strict is kept, but other ports of the same host are the same site, so it does not
/// stop a page on another port of 127.0.0.1. Runs after authentication, because tokens are bound to the signed-in user.
/// </summary>
internal sealed class AntiforgeryEverywhereMiddleware(RequestDelegate next, IAntiforgery antiforgery, ILogger<AntiforgeryEverywhereMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
        {
            await next(context);
            return;
        }
        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (Exception e) when (e is AntiforgeryValidationException or InvalidDataException)
        {
            // A body that is not a readable form (InvalidDataException) has no token either.
            DashboardLog.AntiforgeryRefused(logger, method, context.Request.Path.Value ?? "", e.Message);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("This form has expired or was not sent from the Overseer dashboard. Go back, reload the page and try again.");
            return;
        }
        await next(context);
    }
}
