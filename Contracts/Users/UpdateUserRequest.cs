namespace Overseer.Contracts.Users;

/// <summary>
/// Body of <c>PATCH /api/v1/users/{name}</c> (admin scope); absent members are left alone. Any change ends the
/// user's open sessions, so a new role or a reset password takes effect at once.
/// </summary>
public sealed record UpdateUserRequest
{
    /// <summary>New role.</summary>
    public string? Role { get; init; }
    /// <summary>New password (at least 12 characters).</summary>
    public string? Password { get; init; }
    /// <summary>True disables the user, false enables it again.</summary>
    public bool? Disabled { get; init; }
}
