namespace Overseer.Contracts.Users;

/// <summary>Answer to <c>GET /api/v1/sessions/current</c>: who the presented session token belongs to.</summary>
/// <param name="User">User name.</param>
/// <param name="Role">Role.</param>
/// <param name="ExpiresAt">When the token stops working.</param>
public sealed record CurrentSessionDto(string User, string Role, DateTimeOffset ExpiresAt);
