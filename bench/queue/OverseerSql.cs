using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Overseer.Api.Queues;

namespace Overseer.Bench.Queue;

/// <summary>
/// Overseer's queue driven through its SQL protocol: the statements of <see cref="QueueSql"/>, prepared, over Npgsql,
/// exactly as the Api's QueueItemStore runs them, from this process (the way graphile-worker and pg-boss are libraries
/// talking SQL from their worker process). No HTTP, no Api process.
/// </summary>
internal sealed class OverseerSql(NpgsqlDataSource db, BenchSettings settings)
{
    public const string System = "Overseer SQL";

    public async Task<Measurement> SingleEnqueueAsync(int concurrency)
    {
        await Database.ClearAsync(db);
        var (done, seconds, timedOut) = await Loops.RunAsync(settings.Items, concurrency, settings.PhaseLimit,
            async n => await EnqueueAsync([$$"""{"n":{{n}}}"""]));
        return new Measurement(System, Metrics.SingleEnqueue, concurrency, done, seconds, timedOut);
    }

    public async Task<Measurement> BatchEnqueueAsync(int concurrency)
    {
        await Database.ClearAsync(db);
        var chunks = (settings.Items + settings.Chunk - 1) / settings.Chunk;
        var (done, seconds, timedOut) = await Loops.RunAsync(chunks, concurrency, settings.PhaseLimit, async c =>
        {
            var size = Math.Min(settings.Chunk, settings.Items - c * settings.Chunk);
            return await EnqueueAsync([.. Enumerable.Range(c * settings.Chunk, size).Select(n => $$"""{"n":{{n}}}""")]);
        });
        await Database.AnalyzeAsync(db);
        return new Measurement(System, Metrics.BatchEnqueue, concurrency, done, seconds, timedOut);
    }

    /// <summary>Drains <see cref="BenchSettings.Items"/> items with <paramref name="concurrency"/> workers claiming <paramref name="batch"/> at a time.</summary>
    public async Task<Measurement> DrainAsync(int concurrency, int batch, bool ackWithClaim, string metric)
    {
        await BatchEnqueueAsync(concurrency);
        var before = await Database.CommitsAsync(db);
        var done = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var held = new List<(long Id, Guid Token)>();
            while (clock.Elapsed < settings.PhaseLimit)
            {
                var claimed = await ClaimAsync(batch, ackWithClaim ? held : []);
                if (!ackWithClaim && held.Count > 0)
                {
                    await AckAsync(held);
                }
                Interlocked.Add(ref done, held.Count);
                held = claimed;
                if (claimed.Count == 0)
                {
                    return;
                }
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var commits = await Database.CommitsAsync(db) - before;
        return new Measurement(System, metric, concurrency, done, seconds, done < settings.Items, (double)commits / Math.Max(done, 1));
    }

    /// <summary>Claim latency with <see cref="BenchSettings.Available"/> items available: one claimer, each claimed item acked and replaced.</summary>
    public async Task<(double P50, double P99)> ClaimLatencyAsync()
    {
        await EnqueueAsync([.. Enumerable.Range(0, settings.Available).Select(n => $$"""{"n":{{n}}}""")]);
        await Database.AnalyzeAsync(db);
        var samples = new List<double>(settings.LatencySamples);
        for (var i = 0; i < settings.LatencySamples + 200; i++)
        {
            var clock = Stopwatch.StartNew();
            var claimed = await ClaimAsync(1, []);
            var ms = clock.Elapsed.TotalMilliseconds;
            if (i >= 200)
            {
                samples.Add(ms);
            }
            await AckAsync(claimed);
            await EnqueueAsync(["{}"]);
        }
        samples.Sort();
        return (samples[samples.Count / 2], samples[(int)(samples.Count * 0.99)]);
    }

    private async Task<int> EnqueueAsync(string[] payloads)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(QueueSql.Enqueue)
                {
                    Parameters =
                    {
                        new() { Value = Database.Queue, NpgsqlDbType = NpgsqlDbType.Text },
                        new() { Value = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                        new() { Value = new int[payloads.Length], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                        new() { Value = new DateTime?[payloads.Length], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
                        new() { Value = new string?[payloads.Length], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                    },
                },
                new NpgsqlBatchCommand(QueueSql.WakeIdle) { Parameters = { new() { Value = Database.Queue, NpgsqlDbType = NpgsqlDbType.Text } } },
            },
        };
        await batch.PrepareAsync();
        var rows = 0;
        await using var reader = await batch.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows++;
        }
        return rows;
    }

    private async Task<List<(long Id, Guid Token)>> ClaimAsync(int max, List<(long Id, Guid Token)> ack)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(QueueSql.Claim, connection)
        {
            Parameters =
            {
                new() { Value = Database.Queue, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = max, NpgsqlDbType = NpgsqlDbType.Integer },
                new() { Value = ack.Select(a => a.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new() { Value = ack.Select(a => a.Token).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
            },
        };
        await cmd.PrepareAsync();
        var claimed = new List<(long, Guid)>(max);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (reader.GetInt32(0) == 0)
            {
                claimed.Add((reader.GetInt64(1), reader.GetGuid(3)));
            }
        }
        return claimed;
    }

    private async Task AckAsync(List<(long Id, Guid Token)> items)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(QueueSql.Ack, connection)
        {
            Parameters =
            {
                new() { Value = Database.Queue, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = items.Select(a => a.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new() { Value = items.Select(a => a.Token).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
            },
        };
        await cmd.PrepareAsync();
        await cmd.ExecuteNonQueryAsync();
    }
}
