using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Overseer.Contracts.Client;
using Overseer.Contracts.Queues;

namespace Overseer.Bench.Queue;

/// <summary>
/// Overseer's queue through its HTTP API, as runtimes use it: enqueue on <c>/api/v1</c>, claim and ack on
/// <c>/internal/v1</c>, served by the Api running as its own process (no-op handler: no process per item).
/// </summary>
internal sealed class OverseerHttp(QueuesClient admin, QueueRuntimeClient runtime, NpgsqlDataSource db, BenchSettings settings)
{
    public const string System = "Overseer HTTP";

    public async Task<Measurement> SingleEnqueueAsync(int concurrency)
    {
        await Database.ClearAsync(db);
        var (done, seconds, timedOut) = await Loops.RunAsync(settings.Items, concurrency, settings.PhaseLimit, async n =>
        {
            await admin.EnqueueAsync(Database.Queue, new EnqueueItem { Payload = JsonSerializer.SerializeToElement(new { n }) });
            return 1;
        });
        return new Measurement(System, Metrics.SingleEnqueue, concurrency, done, seconds, timedOut);
    }

    public async Task<Measurement> BatchEnqueueAsync(int concurrency)
    {
        await Database.ClearAsync(db);
        var chunks = (settings.Items + settings.Chunk - 1) / settings.Chunk;
        var (done, seconds, timedOut) = await Loops.RunAsync(chunks, concurrency, settings.PhaseLimit, async c =>
        {
            var size = Math.Min(settings.Chunk, settings.Items - c * settings.Chunk);
            var items = Enumerable.Range(c * settings.Chunk, size).Select(n => new EnqueueItem { Payload = JsonSerializer.SerializeToElement(new { n }) }).ToList();
            return (await admin.EnqueueAsync(Database.Queue, items)).Ids.Count;
        });
        await Database.AnalyzeAsync(db);
        return new Measurement(System, Metrics.BatchEnqueue, concurrency, done, seconds, timedOut);
    }

    /// <summary>Drains the items with <paramref name="concurrency"/> runtimes claiming <paramref name="batch"/> at a time, acking with the next claim.</summary>
    public async Task<Measurement> DrainAsync(int concurrency, int batch, string metric)
    {
        await BatchEnqueueAsync(concurrency);
        var before = await Database.CommitsAsync(db);
        var done = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            IReadOnlyList<LeaseRef> held = [];
            while (clock.Elapsed < settings.PhaseLimit)
            {
                var response = await runtime.ClaimAsync(batch, held.Count > 0 ? held : null);
                Interlocked.Add(ref done, response.Acked.Count);
                held = [.. response.Items.Select(i => new LeaseRef(i.Id, i.LeaseToken))];
                if (held.Count == 0)
                {
                    return;
                }
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var commits = await Database.CommitsAsync(db) - before;
        return new Measurement(System, metric, concurrency, done, seconds, done < settings.Items, (double)commits / Math.Max(done, 1));
    }
}
