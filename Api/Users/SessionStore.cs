using Dapper;
using Npgsql;
using Overseer.Api.Auth;

namespace Overseer.Api.Users;

/// <summary>
/// Sessions are rows of <c>api_tokens</c> with a <c>user_id</c> and an <c>expires_at</c>: the bearer handler accepts them
/// like any token (with the role's scope), and revoking goes through <see cref="TokenStore"/> so its cache forgets them.
/// </summary>
internal sealed class SessionStore(NpgsqlDataSource db, TokenStore tokens)
{
    /// <summary>Stores a new session token for <paramref name="user"/>; answers the secret and when it expires.</summary>
    public async Task<(string Token, DateTime ExpiresAt)> CreateAsync(UserRecord user, string scope, TimeSpan lifetime, CancellationToken ct)
    {
        var token = TokenHasher.Generate();
        await using var connection = await db.OpenConnectionAsync(ct);
        var expiresAt = await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition("""
            INSERT INTO api_tokens (id, name, token_hash, scopes, user_id, expires_at)
            VALUES (@id, @name, @hash, @scopes, @userId, now() + @lifetime)
            RETURNING expires_at
            """, new
        {
            id = Guid.CreateVersion7(),
            name = "session of " + user.Name,
            hash = TokenHasher.Hash(token),
            scopes = new[] { scope },
            userId = user.Id,
            lifetime,
        }, cancellationToken: ct));
        return (token, expiresAt);
    }

    /// <summary>The live session a token belongs to; null for unknown, revoked, expired or non-session tokens.</summary>
    public async Task<(string User, string Role, DateTime ExpiresAt)?> FindAsync(string token, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string? User, string Role, DateTime ExpiresAt)>(new CommandDefinition("""
            SELECT u.name, u.role, t.expires_at FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = @hash AND t.revoked_at IS NULL AND t.expires_at > now() AND u.disabled_at IS NULL
            """, new { hash = TokenHasher.Hash(token) }, cancellationToken: ct));
        return row.User is null ? null : (row.User, row.Role, row.ExpiresAt);
    }

    /// <summary>Revokes the session of <paramref name="token"/>; answers its user, or null when it is not a live session.</summary>
    public async Task<string?> RevokeAsync(string token, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(Guid Id, string? User)>(new CommandDefinition("""
            SELECT t.id, u.name FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = @hash AND t.revoked_at IS NULL
            """, new { hash = TokenHasher.Hash(token) }, cancellationToken: ct));
        if (row.User is null)
        {
            return null;
        }
        await tokens.RevokeAsync(row.Id, ct);
        return row.User;
    }

    /// <summary>Revokes every open session of a user; answers how many.</summary>
    public async Task<int> RevokeAllAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var ids = (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM api_tokens WHERE user_id = @userId AND revoked_at IS NULL", new { userId }, cancellationToken: ct))).AsList();
        foreach (var id in ids)
        {
            await tokens.RevokeAsync(id, ct);
        }
        return ids.Count;
    }

    /// <summary>Deletes sessions that ended (revoked or expired) more than <paramref name="keep"/> ago.</summary>
    public async Task<int> SweepAsync(TimeSpan keep, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM api_tokens WHERE user_id IS NOT NULL AND least(coalesce(revoked_at, 'infinity'), expires_at) < now() - @keep
            """, new { keep }, cancellationToken: ct));
    }
}
