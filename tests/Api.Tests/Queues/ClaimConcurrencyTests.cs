using System.Collections.Concurrent;
using Dapper;
using Overseer.Contracts.Queues;

namespace Overseer.Api.Tests.Queues;

/// <summary>Many runtimes claiming at once: every item is acked exactly once, none is lost, none is held twice.</summary>
public sealed class ClaimConcurrencyTests(QueueApiApplication app) : IClassFixture<QueueApiApplication>
{
    [Fact]
    public async Task Eight_claimers_on_2000_items_ack_every_item_exactly_once()
    {
        const int Items = 2000;
        await app.DefineExternalAsync("crowd", leaseSeconds: 120);
        var enqueued = new List<long>();
        foreach (var chunk in Enumerable.Range(0, Items).Chunk(500))
        {
            enqueued.AddRange((await app.Queues().EnqueueAsync("crowd", [.. chunk.Select(n => QueueTesting.Item(new { n }))])).Ids);
        }
        var claims = new ConcurrentBag<(long Id, Guid Token)>();
        var acks = new ConcurrentBag<long>();
        var stale = new ConcurrentBag<long>();
        var held = new ConcurrentDictionary<long, int>();
        var overlaps = 0;

        var claimers = Enumerable.Range(0, 8).Select(async n =>
        {
            var runtime = await app.RuntimeAsync("crowd");
            var batch = n % 2 == 0 ? 1 : 7;
            var pending = new List<LeaseRef>();
            while (true)
            {
                // Claimers 0, 1, 4, 5 ack inside their next claim; 2, 3, 6, 7 with a separate ack. Even ones claim 1, odd ones 7.
                var response = n % 4 < 2 ? await runtime.ClaimAsync(batch, pending) : await runtime.ClaimAsync(batch);
                if (n % 4 >= 2 && pending.Count > 0)
                {
                    var acked = await runtime.AckAsync(pending);
                    Record(acked.Acked, acked.Stale, pending);
                }
                else
                {
                    Record(response.Acked, response.Stale, pending);
                }
                pending = [];
                if (response.Items.Count == 0)
                {
                    return;
                }
                foreach (var item in response.Items)
                {
                    claims.Add((item.Id, item.LeaseToken));
                    if (held.AddOrUpdate(item.Id, 1, (_, c) => c + 1) > 1)
                    {
                        Interlocked.Increment(ref overlaps);
                    }
                    pending.Add(new LeaseRef(item.Id, item.LeaseToken));
                }
            }
        });
        void Record(IReadOnlyList<long> acked, IReadOnlyList<long> rejected, List<LeaseRef> sent)
        {
            foreach (var id in acked)
            {
                acks.Add(id);
                held.AddOrUpdate(id, 0, (_, c) => c - 1);
            }
            foreach (var id in rejected)
            {
                stale.Add(id);
            }
            Assert.Equal(sent.Count, acked.Count + rejected.Count);
        }
        await Task.WhenAll(claimers);

        Assert.Equal(0, overlaps);
        Assert.Empty(stale);
        Assert.Equal(Items, claims.Count);
        Assert.Equal(Items, claims.Select(c => c.Id).Distinct().Count());
        Assert.Equal(enqueued.Order(), acks.Order());
        await using var connection = await app.Database.OpenConnectionAsync();
        var states = (await connection.QueryAsync<(string State, long Count, int MaxAttempts)>(
            "SELECT state, count(*), max(attempts) FROM queue_items WHERE queue = 'crowd' GROUP BY state")).ToList();
        Assert.Equal([("done", (long)Items, 1)], states);
    }
}
