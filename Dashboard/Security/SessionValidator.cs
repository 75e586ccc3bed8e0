using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Overseer.Contracts.Client;
using Overseer.Dashboard.Api;

namespace Overseer.Dashboard.Security;

/// <summary>
/// Cookie events. Every request's cookie is checked against the Api (the session token must still be live and carry
/// the same role), so a cookie kept from before a sign-out, a role change or a disabled account is useless at once.
/// htmx requests are sent to the sign-in page with <c>HX-Redirect</c> rather than a redirect htmx would swap in.
/// </summary>
internal sealed class SessionValidator(ApiClients clients, ILogger<SessionValidator> logger) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } principal || SessionClaims.TokenOf(principal) is not { } token)
        {
            context.RejectPrincipal();
            return;
        }
        try
        {
            var current = await clients.For(token).GetCurrentSessionAsync(context.HttpContext.RequestAborted);
            if (current.Role == SessionClaims.RoleOf(principal))
            {
                return;
            }
        }
        catch (OverseerApiException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound)
        {
            DashboardLog.SessionEnded(logger, principal.Identity?.Name ?? "?");
        }
        catch (Exception e) when (e is HttpRequestException or OverseerApiException || e is TaskCanceledException && !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The Api cannot say right now. Keep the cookie for this request: whatever the page asks the Api next fails
            // the same way and shows the "Api not available" page, and nothing is done without the Api.
            DashboardLog.ApiUnreachable(logger, e.Message);
            return;
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (Htmx.IsRequest(context.Request))
        {
            context.Response.Headers["HX-Redirect"] = "/login";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }
        return base.RedirectToLogin(context);
    }
}
