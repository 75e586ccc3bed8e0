using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Overseer.Contracts.Client;
using Overseer.Dashboard.Components;
using Overseer.Dashboard.Security;

namespace Overseer.Dashboard.Api;

/// <summary>
/// What a page does when the Api fails it: 401 means the session ended (sign out, back to sign-in), 403 and 404 get
/// their pages, and an unreachable or failing Api gets a 502 page saying so, instead of a stack trace.
/// </summary>
internal sealed class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OverseerApiException e) when (!context.Response.HasStarted)
        {
            if (e.StatusCode == HttpStatusCode.Unauthorized)
            {
                DashboardLog.SessionEnded(logger, context.User.Identity?.Name ?? "?");
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                Redirect(context, "/login?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
                return;
            }
            DashboardLog.ApiError(logger, (int)e.StatusCode, context.Request.Path);
            var status = e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound ? (int)e.StatusCode : StatusCodes.Status502BadGateway;
            await RenderAsync(context, status);
        }
        catch (HttpRequestException e) when (!context.Response.HasStarted)
        {
            DashboardLog.ApiUnreachable(logger, e.Message);
            await RenderAsync(context, StatusCodes.Status502BadGateway);
        }
        catch (TaskCanceledException e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            DashboardLog.ApiUnreachable(logger, e.Message);
            await RenderAsync(context, StatusCodes.Status504GatewayTimeout);
        }
    }

    private static void Redirect(HttpContext context, string location)
    {
        if (Htmx.IsRequest(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            context.Response.Headers["HX-Redirect"] = location;
            return;
        }
        context.Response.Redirect(location);
    }

    private static Task RenderAsync(HttpContext context, int status)
    {
        context.Response.Clear();
        return new RazorComponentResult<ErrorDocument>(new { Status = status }) { StatusCode = status }.ExecuteAsync(context);
    }
}
