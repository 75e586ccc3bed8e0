using System.Security.Claims;
using Overseer.Contracts.Auth;

namespace Overseer.Api.Auth;

/// <summary>Authorization policies named after scopes. <c>admin</c> implies <c>write</c>, which implies <c>read</c>.</summary>
public static class ScopePolicies
{
    /// <summary>Claim type holding one granted scope.</summary>
    public const string ScopeClaim = "scope";

    /// <summary>True when <paramref name="user"/> holds <paramref name="scope"/> or a stronger one.</summary>
    public static bool HasScope(this ClaimsPrincipal user, string scope)
    {
        var needed = Rank(scope);
        return user.FindAll(ScopeClaim).Any(c => Rank(c.Value) >= needed);
    }

    private static int Rank(string scope) => scope switch
    {
        TokenScopes.Read => 1,
        TokenScopes.Write => 2,
        TokenScopes.Admin => 3,
        _ => 0,
    };
}
