namespace Overseer.Contracts.Auth;

/// <summary>Body of <c>POST /api/v1/tokens</c>.</summary>
/// <param name="Name">A label for the token (1..100 characters).</param>
/// <param name="Scopes">Scopes to grant: <c>read</c>, <c>write</c>, <c>admin</c>.</param>
public sealed record CreateTokenRequest(string Name, IReadOnlyList<string> Scopes);
