namespace Overseer.Contracts.Users;

/// <summary>Answer to a successful <c>POST /api/v1/sessions</c>: a new session token, the only time it is shown.</summary>
/// <param name="Token">Bearer token of the session; its scope matches the role. Revoked by <c>DELETE /api/v1/sessions/current</c>.</param>
/// <param name="User">User name.</param>
/// <param name="Role"><c>viewer</c>, <c>operator</c> or <c>admin</c>.</param>
/// <param name="ExpiresAt">When the token stops working.</param>
public sealed record SessionDto(string Token, string User, string Role, DateTimeOffset ExpiresAt);
