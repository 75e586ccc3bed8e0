using System.Collections.Concurrent;
using Dapper;
using Npgsql;

namespace Overseer.Api.Auth;

/// <summary>
/// API tokens, stored hashed. Lookups are cached for a few seconds so that authenticating a request does not cost a
/// database round trip each time; revoking clears the cache.
/// </summary>
public sealed class TokenStore(NpgsqlDataSource db, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (string[]? Scopes, long Until)> _cache = new();

    /// <summary>Scopes of a valid, unrevoked token; null when the token is unknown or revoked.</summary>
    public async Task<string[]?> FindScopesAsync(string token, CancellationToken ct)
    {
        var hash = TokenHasher.Hash(token);
        var key = Convert.ToHexString(hash);
        var now = time.GetTimestamp();
        if (_cache.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return cached.Scopes;
        }
        await using var connection = await db.OpenConnectionAsync(ct);
        var scopes = await connection.QuerySingleOrDefaultAsync<string[]>(new CommandDefinition(
            "SELECT scopes FROM api_tokens WHERE token_hash = @hash AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())", new { hash }, cancellationToken: ct));
        _cache[key] = (scopes, now + (long)(CacheFor.TotalSeconds * time.TimestampFrequency));
        return scopes;
    }

    /// <summary>Creates a token; answers its id and the secret (shown once).</summary>
    public async Task<(Guid Id, string Token)> CreateAsync(string name, IReadOnlyList<string> scopes, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var token = TokenHasher.Generate();
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO api_tokens (id, name, token_hash, scopes) VALUES (@id, @name, @hash, @scopes)",
            new { id, name, hash = TokenHasher.Hash(token), scopes = scopes.ToArray() }, cancellationToken: ct));
        return (id, token);
    }

    /// <summary>Makes sure <paramref name="token"/> exists with the given scopes (used to seed the first admin token).</summary>
    public async Task EnsureAsync(string name, string token, IReadOnlyList<string> scopes, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO api_tokens (id, name, token_hash, scopes) VALUES (@id, @name, @hash, @scopes)
            ON CONFLICT (token_hash) DO UPDATE SET scopes = excluded.scopes, revoked_at = NULL
            """, new { id = Guid.CreateVersion7(), name, hash = TokenHasher.Hash(token), scopes = scopes.ToArray() },
            cancellationToken: ct));
        _cache.Clear();
    }

    /// <summary>Every token's metadata, newest first.</summary>
    internal async Task<IReadOnlyList<TokenRecord>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<TokenRecord>(new CommandDefinition(
            "SELECT id, name, scopes, created_at, revoked_at FROM api_tokens ORDER BY id DESC", cancellationToken: ct))).AsList();
    }

    /// <summary>Revokes a token; false when it does not exist.</summary>
    public async Task<bool> RevokeAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = @id", new { id }, cancellationToken: ct));
        _cache.Clear();
        return rows > 0;
    }
}
