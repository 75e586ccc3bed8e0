using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Overseer.Api.Queues;

/// <summary>Authenticates runtime requests (<c>/internal/v1/queues/...</c>) by a queue-scoped bearer token from <see cref="RuntimeTokenStore"/>.</summary>
public sealed class RuntimeTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, RuntimeTokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>Name of the scheme.</summary>
    public const string SchemeName = "QueueRuntime";

    /// <summary>Name of the authorization policy of runtime endpoints.</summary>
    public const string PolicyName = "queue-runtime";

    /// <summary>Claim holding the queue the credential is scoped to.</summary>
    public const string QueueClaim = "overseer-queue";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 1024)
        {
            return AuthenticateResult.Fail("Authorization header is not a bearer token");
        }
        var credential = await tokens.FindAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (credential is null)
        {
            return AuthenticateResult.Fail("unknown, revoked or expired runtime token");
        }
        var identity = new ClaimsIdentity([new Claim(QueueClaim, credential.Queue)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
