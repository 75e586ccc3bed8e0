using Overseer.Contracts.Users;

namespace Overseer.Dashboard.Security;

/// <summary>The signed-in user of the current request, for showing or hiding what the role allows (the endpoints check again).</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private System.Security.Claims.ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new();

    /// <summary>User name; null when nobody is signed in.</summary>
    public string? Name => Principal.Identity?.IsAuthenticated == true ? Principal.Identity.Name : null;

    /// <summary>Role; null when nobody is signed in.</summary>
    public string? Role => SessionClaims.RoleOf(Principal);

    /// <summary>Operators and admins may cancel, retry and submit.</summary>
    public bool IsOperator => SessionClaims.Has(Principal, UserRoles.Operator);

    /// <summary>Admins may manage users and tokens.</summary>
    public bool IsAdmin => SessionClaims.Has(Principal, UserRoles.Admin);
}
