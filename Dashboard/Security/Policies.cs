using Overseer.Contracts.Users;

namespace Overseer.Dashboard.Security;

/// <summary>Authorization policies, one per role; each admits its role and the stronger ones.</summary>
public static class Policies
{
    /// <summary>Any signed-in user: read everything.</summary>
    public const string Viewer = UserRoles.Viewer;
    /// <summary>Operators and admins: cancel, retry, submit.</summary>
    public const string Operator = UserRoles.Operator;
    /// <summary>Admins: users and tokens.</summary>
    public const string Admin = UserRoles.Admin;

    /// <summary>Roles admitted by a policy.</summary>
    public static string[] RolesOf(string policy) => [.. UserRoles.All.Where(r => UserRoles.Includes(r, policy))];
}
