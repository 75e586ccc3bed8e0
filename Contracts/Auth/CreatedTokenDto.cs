namespace Overseer.Contracts.Auth;

/// <summary>Answer to <c>POST /api/v1/tokens</c>: the only time the secret is returned.</summary>
/// <param name="Id">Token id.</param>
/// <param name="Name">Label.</param>
/// <param name="Scopes">Granted scopes.</param>
/// <param name="Token">The bearer token. Store it; the server keeps only its hash.</param>
public sealed record CreatedTokenDto(Guid Id, string Name, IReadOnlyList<string> Scopes, string Token);
