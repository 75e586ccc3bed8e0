using Microsoft.AspNetCore.Authentication;
using Overseer.Contracts.Auth;

namespace Overseer.Api.Auth;

/// <summary>Bearer-token authentication, scope policies, and the first admin token.</summary>
public static class AuthExtensions
{
    /// <summary>Environment variable that seeds the first admin token.</summary>
    public const string AdminTokenVariable = "OVERSEER_ADMIN_TOKEN";

    /// <summary>Registers the bearer scheme and one policy per scope.</summary>
    public static IHostApplicationBuilder AddAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TokenStore>();
        builder.Services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var scope in TokenScopes.All)
        {
            authorization.AddPolicy(scope, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.HasScope(scope)));
        }
        return builder;
    }

    /// <summary>Stores <c>OVERSEER_ADMIN_TOKEN</c> (when set) as an admin token, so the first user can get in.</summary>
    public static async Task SeedAdminTokenAsync(this WebApplication app)
    {
        var token = app.Configuration[AdminTokenVariable];
        if (string.IsNullOrEmpty(token))
        {
            AuthLog.NoAdminToken(app.Logger);
            return;
        }
        if (token.Length < 16)
        {
            throw new InvalidOperationException($"{AdminTokenVariable} must be at least 16 characters long.");
        }
        await app.Services.GetRequiredService<TokenStore>().EnsureAsync("admin (OVERSEER_ADMIN_TOKEN)", token, [TokenScopes.Admin],
            app.Lifetime.ApplicationStopping);
        AuthLog.AdminTokenSeeded(app.Logger);
    }
}
