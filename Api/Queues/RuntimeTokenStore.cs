using System.Collections.Concurrent;
using System.Security.Cryptography;
using Dapper;
using Npgsql;
using Overseer.Api.Auth;

namespace Overseer.Api.Queues;

/// <summary>
/// Runtime credentials: random tokens stored hashed (<c>queue_tokens</c>), each scoped to one queue and, for a pool,
/// to one attempt of its pool task. Lookups are cached briefly, so runtimes do not pay a query per request; a pool's
/// credential stops working within the cache time after its attempt ends.
/// </summary>
public sealed class RuntimeTokenStore(NpgsqlDataSource db, TimeProvider time)
{
    /// <summary>Prefix of runtime tokens, so leaked ones are easy to recognise.</summary>
    public const string Prefix = "ovq_";

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (RuntimeCredential? Credential, long Until)> _cache = new();

    /// <summary>Creates a credential for <paramref name="queue"/>; answers the secret (it is not stored).</summary>
    public async Task<string> CreateAsync(string queue, string name, Guid? poolTaskId, int? attempt, CancellationToken ct)
    {
        var token = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(PoolSql.InsertToken,
            new { hash = TokenHasher.Hash(token), queue, name, poolTaskId, attempt }, cancellationToken: ct));
        return token;
    }

    /// <summary>The credential of a live token; null when unknown, revoked, or its pool attempt is over.</summary>
    internal async Task<RuntimeCredential?> FindAsync(string token, CancellationToken ct)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 128)
        {
            return null;
        }
        var hash = TokenHasher.Hash(token);
        var key = Convert.ToHexString(hash);
        var now = time.GetTimestamp();
        if (_cache.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return cached.Credential;
        }
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = (await connection.QueryAsync<(string Queue, Guid? PoolTaskId, bool Live)>(new CommandDefinition(
            PoolSql.FindToken, new { hash }, cancellationToken: ct))).FirstOrDefault();
        var credential = row.Queue is not null && row.Live ? new RuntimeCredential(row.Queue, row.PoolTaskId) : null;
        if (_cache.Count > 10_000)
        {
            _cache.Clear();
        }
        _cache[key] = (credential, now + (long)(CacheFor.TotalSeconds * time.TimestampFrequency));
        return credential;
    }
}
