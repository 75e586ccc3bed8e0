namespace Overseer.Contracts.Auth;

/// <summary>An API token's metadata. The secret itself is only ever shown once, in <see cref="CreatedTokenDto"/>.</summary>
/// <param name="Id">Token id.</param>
/// <param name="Name">Label.</param>
/// <param name="Scopes">Granted scopes.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="RevokedAt">Revocation time, once revoked.</param>
public sealed record TokenDto(Guid Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
