using Dapper;
using Npgsql;

namespace Overseer.Api.Users;

/// <summary>Rows of <c>users</c>. Password hashes are made and checked by <see cref="SignInService"/>, never here.</summary>
internal sealed class UserStore(NpgsqlDataSource db)
{
    private const string Select = """
        SELECT id, name, role, password_hash, created_at, disabled_at, last_login_at
        FROM users
        """;

    public async Task<UserRecord?> FindAsync(string name, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(Select + " WHERE name = @name", new { name },
            cancellationToken: ct));
    }

    public async Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<UserRecord>(new CommandDefinition(Select + " ORDER BY name", cancellationToken: ct))).AsList();
    }

    /// <summary>Inserts a user; null when the name is taken.</summary>
    public async Task<UserRecord?> CreateAsync(string name, string role, string passwordHash, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var id = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition("""
            INSERT INTO users (id, name, role, password_hash) VALUES (@id, @name, @role, @passwordHash)
            ON CONFLICT (name) DO NOTHING RETURNING id
            """, new { id = Guid.CreateVersion7(), name, role, passwordHash }, cancellationToken: ct));
        return id is null ? null : await FindAsync(name, ct);
    }

    /// <summary>
    /// Applies the given changes (null leaves a column alone) under row locks. Refuses to leave no enabled admin:
    /// answers <see cref="UpdateOutcome.LastAdmin"/> and changes nothing.
    /// </summary>
    public async Task<(UpdateOutcome Outcome, UserRecord? User)> UpdateAsync(string name, string? role, string? passwordHash, bool? disabled,
        CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Locking every enabled admin (in id order) serializes concurrent demotions, so two cannot both pass the check.
        var admins = (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE", transaction: tx, cancellationToken: ct))).AsList();
        var user = await connection.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(
            Select + " WHERE name = @name FOR UPDATE", new { name }, tx, cancellationToken: ct));
        if (user is null)
        {
            return (UpdateOutcome.NotFound, null);
        }
        var staysAdmin = (role ?? user.Role) == "admin" && !(disabled ?? user.DisabledAt is not null);
        if (admins.Contains(user.Id) && !staysAdmin && admins.Count == 1)
        {
            return (UpdateOutcome.LastAdmin, user);
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE users SET role = coalesce(@role, role), password_hash = coalesce(@passwordHash, password_hash),
                disabled_at = CASE WHEN @disabled IS NULL THEN disabled_at WHEN @disabled THEN coalesce(disabled_at, now()) END,
                updated_at = now()
            WHERE id = @id
            """, new { id = user.Id, role, passwordHash, disabled }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return (UpdateOutcome.Updated, await FindAsync(name, ct));
    }

    /// <summary>Records a sign-in; <paramref name="rehashed"/> replaces a hash made with older settings.</summary>
    public async Task RecordSuccessAsync(Guid id, string? rehashed, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE users SET last_login_at = now(), password_hash = coalesce(@rehashed, password_hash)
            WHERE id = @id
            """, new { id, rehashed }, cancellationToken: ct));
    }

    /// <summary>Makes <paramref name="name"/> an enabled admin, creating it with <paramref name="newHash"/> when missing.</summary>
    public async Task<UserRecord> EnsureAdminAsync(string name, Func<string> newHash, CancellationToken ct)
    {
        if (await FindAsync(name, ct) is null)
        {
            await CreateAsync(name, "admin", newHash(), ct);
        }
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE users SET role = 'admin', disabled_at = NULL, updated_at = now()
            WHERE name = @name AND (role <> 'admin' OR disabled_at IS NOT NULL)
            """, new { name }, cancellationToken: ct));
        return (await FindAsync(name, ct))!;
    }

    /// <summary>Replaces a user's password hash.</summary>
    public async Task SetPasswordHashAsync(Guid id, string hash, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET password_hash = @hash, updated_at = now() WHERE id = @id", new { id, hash }, cancellationToken: ct));
    }
}
