using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Overseer.Api.Infrastructure.Http;
using Overseer.Api.Tasks;
using Overseer.Contracts.Auth;
using Overseer.Contracts.Json;
using Overseer.Contracts.Validation;

namespace Overseer.Api.Auth;

/// <summary>Endpoints under <c>/api/v1/tokens</c> (admin scope).</summary>
public static class TokensApi
{
    /// <summary>Maps the token endpoints.</summary>
    public static IEndpointRouteBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tokens").WithTags("Tokens").RequireAuthorization(TokenScopes.Admin);
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapDelete("/{id:guid}", RevokeAsync);
        return app;
    }

    private static async Task<Results<Created<CreatedTokenDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpRequest request, TokenStore tokens, IOptions<TaskOptions> options, ILogger<TokenStore> logger, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, ContractsJson.Strict.CreateTokenRequest, options.Value.MaxRequestBytes);
        if (problem is not null)
        {
            return problem;
        }
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(body!.Name) || TextRules.Check(body.Name, 100) is not null)
        {
            errors.Add("name", "must be 1..100 characters of valid text");
        }
        if (body.Scopes is null || body.Scopes.Count == 0)
        {
            errors.Add("scopes", $"must list at least one of {string.Join(", ", TokenScopes.All)}");
        }
        foreach (var scope in body.Scopes?.Where(s => !TokenScopes.All.Contains(s)) ?? [])
        {
            errors.Add("scopes", $"'{scope}' is not a scope ({string.Join(", ", TokenScopes.All)})");
        }
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The token request is not valid");
        }
        var scopes = body.Scopes!.Distinct().ToList();
        var (id, token) = await tokens.CreateAsync(body.Name, scopes, ct);
        AuthLog.TokenCreated(logger, id, body.Name, string.Join(',', scopes));
        return TypedResults.Created($"/api/v1/tokens/{id}", new CreatedTokenDto(id, body.Name, scopes, token));
    }

    private static async Task<Ok<IReadOnlyList<TokenDto>>> ListAsync(TokenStore tokens, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<TokenDto>>([.. (await tokens.ListAsync(ct)).Select(t => new TokenDto(t.Id, t.Name, t.Scopes,
            new DateTimeOffset(DateTime.SpecifyKind(t.CreatedAt, DateTimeKind.Utc)),
            t.RevokedAt is null ? null : new DateTimeOffset(DateTime.SpecifyKind(t.RevokedAt.Value, DateTimeKind.Utc))))]);

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(Guid id, TokenStore tokens, ILogger<TokenStore> logger, CancellationToken ct)
    {
        if (!await tokens.RevokeAsync(id, ct))
        {
            return TypedResults.NotFound();
        }
        AuthLog.TokenRevoked(logger, id);
        return TypedResults.NoContent();
    }
}
