using Overseer.Contracts.Auth;

namespace Overseer.Contracts.Users;

/// <summary>Roles of Dashboard users. Each maps to the API scope its sessions get, so the Api enforces the role too.</summary>
public static class UserRoles
{
    /// <summary>Reads everything (scope <c>read</c>).</summary>
    public const string Viewer = "viewer";
    /// <summary>Also cancels, retries, enqueues and submits (scope <c>write</c>).</summary>
    public const string Operator = "operator";
    /// <summary>Also manages users, tokens and queue definitions (scope <c>admin</c>).</summary>
    public const string Admin = "admin";

    /// <summary>Every role, weakest first.</summary>
    public static readonly IReadOnlyList<string> All = [Viewer, Operator, Admin];

    /// <summary>The API scope of a role's sessions; null for an unknown role.</summary>
    public static string? ScopeOf(string role) => role switch
    {
        Viewer => TokenScopes.Read,
        Operator => TokenScopes.Write,
        Admin => TokenScopes.Admin,
        _ => null,
    };

    /// <summary>True when <paramref name="role"/> is <paramref name="needed"/> or stronger.</summary>
    public static bool Includes(string role, string needed)
    {
        var have = Rank(role);
        return have > 0 && have >= Rank(needed);
    }

    private static int Rank(string role) => role switch
    {
        Viewer => 1,
        Operator => 2,
        Admin => 3,
        _ => 0,
    };
}
