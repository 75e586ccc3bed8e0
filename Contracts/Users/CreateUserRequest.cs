namespace Overseer.Contracts.Users;

/// <summary>Body of <c>POST /api/v1/users</c> (admin scope).</summary>
/// <param name="Name">User name: 1..64 characters of letters, digits, '.', '_', '@' and '-'.</param>
/// <param name="Role"><c>viewer</c>, <c>operator</c> or <c>admin</c>.</param>
/// <param name="Password">At least 12 characters.</param>
public sealed record CreateUserRequest(string Name, string Role, string Password);
