using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Overseer.Contracts.Queues;

namespace Overseer.Api.Queues;

/// <summary>
/// Enqueue and the runtime protocol (claim, extend, ack, nack, release) over <see cref="QueueSql"/>. These are the hot
/// paths: each is one prepared statement (prepared once per physical connection and kept across pooling), so one
/// round trip and one commit (on <see cref="QueueDataSource"/>, which skips Npgsql's reset transaction); the only extra statements run on rare paths (dedup races, repeated acks, empty claims).
/// </summary>
public sealed class QueueItemStore(QueueDataSource source)
{
    private readonly NpgsqlDataSource _db = source.Db;

    /// <summary>Enqueues items in one statement; answers their ids in order, or null when the queue does not exist.</summary>
    internal async Task<EnqueuedDto?> EnqueueAsync(string queue, IReadOnlyList<ParsedItem> items, CancellationToken ct)
    {
        var ids = new long[items.Count];
        var deduplicated = new List<int>();
        // An item repeating an earlier item's dedup key in the same batch gets that item's id.
        var firstWithKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = new List<int>(items.Count);
        var sameAs = new Dictionary<int, int>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].DedupKey is { } key && !firstWithKey.TryAdd(key, i))
            {
                sameAs[i] = firstWithKey[key];
                continue;
            }
            pending.Add(i);
        }
        await using var connection = await _db.OpenConnectionAsync(ct);
        for (var round = 0; pending.Count > 0; round++)
        {
            var rows = await InsertAsync(connection, queue, pending.Select(i => items[i]).ToList(), ct);
            if (rows.Count == 0)
            {
                return null;
            }
            var conflicted = new List<int>();
            for (var n = 0; n < pending.Count; n++)
            {
                if (rows[n].Inserted)
                {
                    ids[pending[n]] = rows[n].Id;
                }
                else
                {
                    conflicted.Add(pending[n]);
                }
            }
            if (conflicted.Count == 0)
            {
                break;
            }
            var live = await LiveKeysAsync(connection, queue, conflicted.Select(i => items[i].DedupKey!).ToArray(), ct);
            pending = [];
            foreach (var i in conflicted)
            {
                if (live.TryGetValue(items[i].DedupKey!, out var id))
                {
                    ids[i] = id;
                    deduplicated.Add(i);
                }
                else if (round < 3)
                {
                    // The live item finished between the two statements: the key is free again, insert this one.
                    pending.Add(i);
                }
                else
                {
                    throw new InvalidOperationException($"dedup key '{items[i].DedupKey}' kept changing hands");
                }
            }
        }
        foreach (var (i, first) in sameAs)
        {
            ids[i] = ids[first];
            deduplicated.Add(i);
        }
        deduplicated.Sort();
        return new EnqueuedDto(ids, deduplicated);
    }

    /// <summary>Acks <paramref name="ack"/> and claims up to <paramref name="max"/> items in one statement; null when the queue does not exist.</summary>
    internal async Task<ClaimResult?> ClaimAsync(string queue, int max, IReadOnlyList<LeaseRef> ack, CancellationToken ct)
    {
        await using var connection = await _db.OpenConnectionAsync(ct);
        await using var cmd = Command(connection, QueueSql.Claim, Text(queue), Int(max), Ids(ack.Select(a => a.Id)), Tokens(ack.Select(a => a.LeaseToken)));
        await cmd.PrepareAsync(ct);
        var items = new List<(ClaimedItem Item, int Priority, DateTime RunAt)>();
        var acked = new List<long>();
        int? leaseSeconds = null;
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                if (reader.GetInt32(0) == 1)
                {
                    acked.Add(reader.GetInt64(1));
                    continue;
                }
                var item = new ClaimedItem(reader.GetInt64(1), reader.GetInt32(2), reader.GetGuid(3), Utc(reader.GetDateTime(4)),
                    JsonElement.Parse(reader.GetString(5)));
                items.Add((item, reader.GetInt32(6), reader.GetDateTime(7)));
                leaseSeconds = reader.GetInt32(8);
            }
        }
        var stale = await StaleAsync(connection, queue, ack, acked, ct);
        items.Sort((a, b) => a.Priority != b.Priority ? b.Priority.CompareTo(a.Priority)
            : a.RunAt != b.RunAt ? a.RunAt.CompareTo(b.RunAt) : a.Item.Id.CompareTo(b.Item.Id));
        leaseSeconds ??= await LeaseSecondsAsync(connection, queue, ct);
        return leaseSeconds is { } seconds ? new ClaimResult([.. items.Select(i => i.Item)], seconds, acked, stale) : null;
    }

    /// <summary>Acks items; a repeated ack with the same token counts as acked.</summary>
    internal async Task<AckResponse> AckAsync(string queue, IReadOnlyList<LeaseRef> items, CancellationToken ct)
    {
        await using var connection = await _db.OpenConnectionAsync(ct);
        var acked = await IdsAsync(connection, QueueSql.Ack, queue, items, ct);
        var stale = await StaleAsync(connection, queue, items, acked, ct);
        return new AckResponse(acked, stale);
    }

    /// <summary>Renews leases.</summary>
    internal async Task<ExtendResponse> ExtendAsync(string queue, IReadOnlyList<LeaseRef> items, CancellationToken ct)
    {
        await using var connection = await _db.OpenConnectionAsync(ct);
        await using var cmd = Command(connection, QueueSql.Extend, Text(queue), Ids(items.Select(i => i.Id)), Tokens(items.Select(i => i.LeaseToken)));
        await cmd.PrepareAsync(ct);
        var extended = new List<ExtendedLease>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                extended.Add(new ExtendedLease(reader.GetInt64(0), Utc(reader.GetDateTime(1))));
            }
        }
        var renewed = extended.Select(e => e.Id).ToHashSet();
        return new ExtendResponse(extended, [.. items.Select(i => i.Id).Where(id => !renewed.Contains(id)).Distinct()]);
    }

    /// <summary>Reports failed attempts: each item is retried after its delay or goes to dead.</summary>
    internal async Task<NackResponse> NackAsync(string queue, IReadOnlyList<NackItem> items, CancellationToken ct)
    {
        await using var connection = await _db.OpenConnectionAsync(ct);
        await using var cmd = Command(connection, QueueSql.Nack, Text(queue), Ids(items.Select(i => i.Id)), Tokens(items.Select(i => i.LeaseToken)),
            new NpgsqlParameter { Value = items.Select(i => i.RetryInSeconds ?? 0).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double },
            new NpgsqlParameter { Value = items.Select(i => i.Error).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await cmd.PrepareAsync(ct);
        var retried = new List<long>();
        var dead = new List<long>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                (reader.GetString(1) == "dead" ? dead : retried).Add(reader.GetInt64(0));
            }
        }
        var done = retried.Concat(dead).ToHashSet();
        return new NackResponse(retried, dead, [.. items.Select(i => i.Id).Where(id => !done.Contains(id)).Distinct()]);
    }

    /// <summary>Gives items back without counting the attempt.</summary>
    internal async Task<ReleaseResponse> ReleaseAsync(string queue, IReadOnlyList<LeaseRef> items, CancellationToken ct)
    {
        await using var connection = await _db.OpenConnectionAsync(ct);
        var released = await IdsAsync(connection, QueueSql.Release, queue, items, ct);
        var set = released.ToHashSet();
        return new ReleaseResponse(released, [.. items.Select(i => i.Id).Where(id => !set.Contains(id)).Distinct()]);
    }

    private static async Task<List<(long Id, bool Inserted)>> InsertAsync(NpgsqlConnection connection, string queue, List<ParsedItem> items, CancellationToken ct)
    {
        // Two statements, one round trip, one implicit transaction (see QueueSql.WakeIdle for why two).
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(QueueSql.Enqueue)
                {
                    Parameters =
                    {
                        Text(queue),
                        new NpgsqlParameter { Value = items.Select(i => i.Payload).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                        new NpgsqlParameter { Value = items.Select(i => i.Priority).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                        new NpgsqlParameter { Value = items.Select(i => i.RunAt).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
                        new NpgsqlParameter { Value = items.Select(i => i.DedupKey).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                    },
                },
                new NpgsqlBatchCommand(QueueSql.WakeIdle) { Parameters = { Text(queue) } },
            },
        };
        await batch.PrepareAsync(ct);
        var rows = new List<(long, bool)>(items.Count);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetInt64(0), reader.GetBoolean(1)));
        }
        return rows;
    }

    private static async Task<Dictionary<string, long>> LiveKeysAsync(NpgsqlConnection connection, string queue, string[] keys, CancellationToken ct)
    {
        await using var cmd = Command(connection, QueueSql.LiveDedupKeys, Text(queue),
            new NpgsqlParameter { Value = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var live = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            live[reader.GetString(0)] = reader.GetInt64(1);
        }
        return live;
    }

    private static async Task<List<long>> IdsAsync(NpgsqlConnection connection, string sql, string queue, IReadOnlyList<LeaseRef> items, CancellationToken ct)
    {
        await using var cmd = Command(connection, sql, Text(queue), Ids(items.Select(i => i.Id)), Tokens(items.Select(i => i.LeaseToken)));
        await cmd.PrepareAsync(ct);
        var ids = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt64(0));
        }
        return ids;
    }

    private static async Task<List<long>> StaleAsync(NpgsqlConnection connection, string queue, IReadOnlyList<LeaseRef> requested, List<long> acked,
        CancellationToken ct)
    {
        if (acked.Count == requested.Count)
        {
            return [];
        }
        var done = acked.ToHashSet();
        var missing = requested.Where(r => !done.Contains(r.Id)).ToList();
        foreach (var id in await IdsAsync(connection, QueueSql.AlreadyAcked, queue, missing, ct))
        {
            if (done.Add(id))
            {
                acked.Add(id);
            }
        }
        return [.. missing.Select(m => m.Id).Where(id => !done.Contains(id)).Distinct()];
    }

    private static async Task<int?> LeaseSecondsAsync(NpgsqlConnection connection, string queue, CancellationToken ct)
    {
        await using var cmd = Command(connection, QueueSql.LeaseSeconds, Text(queue));
        await cmd.PrepareAsync(ct);
        return await cmd.ExecuteScalarAsync(ct) is int seconds ? seconds : null;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params NpgsqlParameter[] parameters)
    {
        var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.AddRange(parameters);
        return cmd;
    }

    private static NpgsqlParameter Text(string value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Int(int value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Integer };

    private static NpgsqlParameter Ids(IEnumerable<long> ids) => new() { Value = ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };

    private static NpgsqlParameter Tokens(IEnumerable<Guid> tokens) => new() { Value = tokens.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid };

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
