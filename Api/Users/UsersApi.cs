using Microsoft.AspNetCore.Http.HttpResults;
using Overseer.Api.Infrastructure.Http;
using Overseer.Contracts.Auth;
using Overseer.Contracts.Json;
using Overseer.Contracts.Users;
using Overseer.Contracts.Validation;

namespace Overseer.Api.Users;

/// <summary>Endpoints under <c>/api/v1/users</c> (admin scope): list, create, and change role, password or disabled flag.</summary>
public static class UsersApi
{
    private const int MaxBodyBytes = 8192;

    /// <summary>Maps the user endpoints.</summary>
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(TokenScopes.Admin);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapPatch("/{name}", UpdateAsync);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<UserDto>>> ListAsync(UserStore users, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<UserDto>>([.. (await users.ListAsync(ct)).Select(u => u.AsDto())]);

    private static async Task<Results<Created<UserDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpRequest request, UserStore users, SignInService signIn, ILogger<SignInService> logger, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, AdminJson.Strict.CreateUserRequest, MaxBodyBytes);
        if (problem is not null)
        {
            return problem;
        }
        var name = UserNames.Normalize(body!.Name ?? "");
        var errors = new ValidationErrors();
        if (UserNames.Check(name) is { } badName)
        {
            errors.Add("name", badName);
        }
        CheckRole(errors, body.Role);
        if (signIn.CheckNewPassword(body.Password) is { } badPassword)
        {
            errors.Add("password", badPassword);
        }
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The user is not valid");
        }
        var created = await users.CreateAsync(name, body.Role, signIn.Hash(body.Password), ct);
        if (created is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "User exists", detail: $"A user named '{name}' exists already.");
        }
        UsersLog.Created(logger, name, created.Role);
        return TypedResults.Created($"/api/v1/users/{name}", created.AsDto());
    }

    private static async Task<Results<Ok<UserDto>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string name, HttpRequest request, UserStore users, SessionStore sessions, SignInService signIn, ILogger<SignInService> logger,
        CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, AdminJson.Strict.UpdateUserRequest, MaxBodyBytes);
        if (problem is not null)
        {
            return problem;
        }
        var errors = new ValidationErrors();
        if (body!.Role is not null)
        {
            CheckRole(errors, body.Role);
        }
        if (body.Password is not null && signIn.CheckNewPassword(body.Password) is { } badPassword)
        {
            errors.Add("password", badPassword);
        }
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The change is not valid");
        }
        var (outcome, user) = await users.UpdateAsync(UserNames.Normalize(name), body.Role,
            body.Password is null ? null : signIn.Hash(body.Password), body.Disabled, ct);
        switch (outcome)
        {
            case UpdateOutcome.NotFound:
                return TypedResults.NotFound();
            case UpdateOutcome.LastAdmin:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Last admin",
                    detail: $"'{user!.Name}' is the only enabled admin; make another user admin first.");
        }
        var ended = await sessions.RevokeAllAsync(user!.Id, ct);
        var changes = string.Join(", ", new[]
        {
            body.Role is null ? null : "role " + body.Role,
            body.Password is null ? null : "password",
            body.Disabled is null ? null : body.Disabled.Value ? "disabled" : "enabled",
        }.Where(c => c is not null));
        UsersLog.Updated(logger, user.Name, changes, ended);
        return TypedResults.Ok(user.AsDto());
    }

    private static void CheckRole(ValidationErrors errors, string? role)
    {
        if (role is null || !UserRoles.All.Contains(role))
        {
            errors.Add("role", $"must be one of {string.Join(", ", UserRoles.All)}");
        }
    }
}
