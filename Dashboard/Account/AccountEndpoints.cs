using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Overseer.Contracts.Client;
using Overseer.Dashboard.Api;
using Overseer.Dashboard.Components;
using Overseer.Dashboard.Security;

namespace Overseer.Dashboard.Account;

/// <summary>
/// Sign-in and sign-out. Signing in asks the Api for a new session (a token scoped to the user's role) and writes a new
/// cookie, replacing any earlier session, whose token is revoked; signing out revokes the token, so a copy of the old
/// cookie is worthless.
/// </summary>
public static class AccountEndpoints
{
    /// <summary>Maps <c>POST /account/login</c> and <c>POST /account/logout</c>.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", LoginAsync).AllowAnonymous().RequireRateLimiting(SecurityExtensions.SignInLimit);
        app.MapPost("/account/logout", LogoutAsync).AllowAnonymous().WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }

    private static async Task<IResult> LoginAsync([FromForm] LoginForm form, HttpContext http, ApiClients clients, ILogger<LoginForm> logger)
    {
        var returnUrl = LocalUrl.OrDefault(form.ReturnUrl);
        if (string.IsNullOrEmpty(form.User) || string.IsNullOrEmpty(form.Password))
        {
            return Failed(returnUrl);
        }
        Contracts.Users.SessionDto session;
        try
        {
            session = await clients.SignIn(http.Connection.RemoteIpAddress).LoginAsync(form.User, form.Password, http.RequestAborted);
        }
        catch (OverseerApiException e) when (e.StatusCode is HttpStatusCode.TooManyRequests)
        {
            var seconds = (int)Math.Ceiling(Math.Max(1, e.RetryAfter?.TotalSeconds ?? 60));
            DashboardLog.SignInThrottled(logger, seconds);
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new RazorComponentResult<ErrorDocument>(new { Status = StatusCodes.Status429TooManyRequests, RetryAfterSeconds = seconds })
            {
                StatusCode = StatusCodes.Status429TooManyRequests,
            };
        }
        catch (OverseerApiException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest)
        {
            DashboardLog.SignInRefused(logger, (int)e.StatusCode);
            return Failed(returnUrl);
        }
        await EndSessionAsync(http, clients);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            SessionClaims.Create(session, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = false, ExpiresUtc = session.ExpiresAt, IssuedUtc = DateTimeOffset.UtcNow });
        DashboardLog.SignedIn(logger, session.User, session.Role);
        return Results.LocalRedirect(returnUrl);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, ApiClients clients, ILogger<LoginForm> logger)
    {
        var user = http.User.Identity?.Name;
        await EndSessionAsync(http, clients);
        if (user is not null)
        {
            DashboardLog.SignedOut(logger, user);
        }
        return Results.LocalRedirect("/login?signedOut=1");
    }

    /// <summary>Revokes the current session's token at the Api (if any) and deletes the cookie.</summary>
    private static async Task EndSessionAsync(HttpContext http, ApiClients clients)
    {
        var result = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (result.Principal is { } principal && SessionClaims.TokenOf(principal) is { } token)
        {
            try
            {
                await clients.For(token).LogoutAsync(http.RequestAborted);
            }
            catch (OverseerApiException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound)
            {
                // Already ended at the Api.
            }
        }
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    private static RedirectHttpResult Failed(string returnUrl) =>
        TypedResults.LocalRedirect("/login?failed=1" + (returnUrl == "/" ? "" : "&returnUrl=" + Uri.EscapeDataString(returnUrl)));
}
