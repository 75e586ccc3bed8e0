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
        HttpRequest request, SignInService signIn, ILogger<SignInService> logger, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, AdminJson.Strict.LoginRequest, MaxBodyBytes);
        if (problem is not null)
        {
            return problem;
        }
        if (string.IsNullOrEmpty(body!.User) || string.IsNullOrEmpty(body.Password) || body.User.Length > 256 || body.Password.Length > 1024)
        {
            return JsonBody.Invalid(string.IsNullOrEmpty(body.User) || body.User.Length > 256 ? "user" : "password", "is required (at most 1024 characters)");
        }
        var session = await signIn.SignInAsync(body.User, body.Password, ct);
        if (session is null)
        {
            // Only a well-formed name is logged: a password typed into the name field must not reach the log.
            var name = UserNames.Normalize(body.User);
            UsersLog.SignInRefused(logger, UserNames.Check(name) is null ? name : "(not a valid user name)");
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in refused",
                detail: "The user name or password is wrong, or the user is disabled or locked for a moment after too many attempts.");
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
