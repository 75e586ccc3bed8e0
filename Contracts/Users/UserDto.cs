namespace Overseer.Contracts.Users;

/// <summary>A Dashboard user, as listed by <c>GET /api/v1/users</c> (admin scope). Password hashes never leave the Api.</summary>
/// <param name="Name">User name.</param>
/// <param name="Role"><c>viewer</c>, <c>operator</c> or <c>admin</c>.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="DisabledAt">When the user was disabled; disabled users cannot sign in.</param>
/// <param name="LastLoginAt">Last successful sign-in.</param>
public sealed record UserDto(string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, DateTimeOffset? LastLoginAt);
