using Microsoft.AspNetCore.Http.HttpResults;
using Overseer.Api.Infrastructure.Http;
using Overseer.Contracts.Auth;
using Overseer.Contracts.Json;
using Overseer.Contracts.Users;

namespace Overseer.Api.Users;

/// <summary>Endpoints under <c>/api/v1/sessions</c>: sign in with a password, see and end the current session.</summary>
public static class SessionsApi
{
    private const int MaxBodyBytes = 4096;

    /// <summary>Maps the session endpoints.</summary>
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sessions").WithTags("Sessions").RequireAuthorization(TokenScopes.Read);
        group.MapPost("/", SignInAsync).AllowAnonymous();
        group.MapGet("/current", GetCurrentAsync);
        group.MapDelete("/current", SignOutAsync);
        return app;
    }

    private static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> SignInAsync(
        HttpRequest request, SignInService signIn, IConfiguration configuration, ILogger<SignInService> logger, CancellationToken ct)
    {
        var address = ClientAddress.Of(request.HttpContext, configuration[ClientAddressForwarding.ConfigurationKey], out var forwarded);
        if (forwarded == false)
        {
            UsersLog.ForwardedAddressIgnored(logger, address);
        }
        var (body, problem) = await JsonBody.ReadAsync(request, AdminJson.Strict.LoginRequest, MaxBodyBytes);
        if (problem is not null)
        {
            return problem;
        }
        if (string.IsNullOrEmpty(body!.User) || string.IsNullOrEmpty(body.Password) || body.User.Length > 256 || body.Password.Length > 1024)
        {
            return JsonBody.Invalid(string.IsNullOrEmpty(body.User) || body.User.Length > 256 ? "user" : "password", "is required (at most 1024 characters)");
        }
        var (session, retryAfter) = await signIn.SignInAsync(body.User, body.Password, address, ct);
        if (retryAfter > TimeSpan.Zero)
        {
            var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
            UsersLog.SignInThrottled(logger, address, seconds);
            request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed sign-ins",
                detail: $"Too many failed sign-ins from this address or for this user; try again in {seconds} seconds.",
                extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
        }
        if (session is null)
        {
            // Only a well-formed name is logged: a password typed into the name field must not reach the log.
            var name = UserNames.Normalize(body.User);
            UsersLog.SignInRefused(logger, UserNames.Check(name) is null ? name : "(not a valid user name)");
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in refused",
                detail: "The user name or password is wrong, or the user is disabled.");
        }
        UsersLog.SignedIn(logger, session.User, session.Role);
        return TypedResults.Ok(session);
    }

    private static async Task<Results<Ok<CurrentSessionDto>, NotFound>> GetCurrentAsync(HttpRequest request, SessionStore sessions, CancellationToken ct) =>
        BearerToken.Of(request) is { } token && await sessions.FindAsync(token, ct) is { } found
            ? TypedResults.Ok(new CurrentSessionDto(found.User, found.Role, new DateTimeOffset(DateTime.SpecifyKind(found.ExpiresAt, DateTimeKind.Utc))))
            : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> SignOutAsync(
        HttpRequest request, SessionStore sessions, ILogger<SignInService> logger, CancellationToken ct)
    {
        if (BearerToken.Of(request) is not { } token || await sessions.RevokeAsync(token, ct) is not { } user)
        {
            return TypedResults.NotFound();
        }
        UsersLog.SignedOut(logger, user);
        return TypedResults.NoContent();
    }
}
