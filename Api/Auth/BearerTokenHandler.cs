using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Overseer.Api.Auth;

/// <summary>Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the hashed tokens in <see cref="TokenStore"/>.</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, TokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>Name of the scheme.</summary>
    public const string SchemeName = "Bearer";

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
        var token = header["Bearer ".Length..].Trim();
        var scopes = token.Length == 0 ? null : await tokens.FindScopesAsync(token, Context.RequestAborted);
        if (scopes is null)
        {
            return AuthenticateResult.Fail("unknown or revoked token");
        }
        var identity = new ClaimsIdentity(scopes.Select(s => new Claim(ScopePolicies.ScopeClaim, s)), SchemeName);
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
