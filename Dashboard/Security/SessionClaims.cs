using System.Security.Claims;
using Overseer.Contracts.Users;

namespace Overseer.Dashboard.Security;

/// <summary>
/// What the (encrypted, signed) session cookie carries: the user, the role, and the Api session token the Dashboard
/// acts with. The token never reaches the browser in readable form.
/// </summary>
public static class SessionClaims
{
    /// <summary>Claim holding the Api session token.</summary>
    public const string Token = "overseer:session-token";

    /// <summary>A principal for a new session.</summary>
    public static ClaimsPrincipal Create(SessionDto session, string scheme) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, session.User), new Claim(ClaimTypes.Role, session.Role), new Claim(Token, session.Token)],
        scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The Api session token of a signed-in user; null for anonymous ones.</summary>
    public static string? TokenOf(ClaimsPrincipal user) => user.FindFirst(Token)?.Value;

    /// <summary>The role of a signed-in user; null for anonymous ones.</summary>
    public static string? RoleOf(ClaimsPrincipal user) => user.FindFirst(ClaimTypes.Role)?.Value;

    /// <summary>True when the user's role is <paramref name="role"/> or stronger.</summary>
    public static bool Has(ClaimsPrincipal user, string role) => RoleOf(user) is { } r && UserRoles.Includes(r, role);
}
