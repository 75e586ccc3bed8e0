namespace Overseer.Contracts.Users;

/// <summary>Body of <c>POST /api/v1/sessions</c>.</summary>
/// <param name="User">User name.</param>
/// <param name="Password">Password.</param>
public sealed record LoginRequest(string User, string Password);
