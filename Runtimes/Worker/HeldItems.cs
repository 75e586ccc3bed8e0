using System.Collections.Concurrent;
using Overseer.Contracts.Queues;

namespace Overseer.Worker;

/// <summary>Items this Worker holds a lease on (claimed and not yet acked, nacked or released); the lease keeper extends them all.</summary>
internal sealed class HeldItems
{
    private readonly ConcurrentDictionary<long, Held> _items = new();

    /// <summary>Number of items held.</summary>
    public int Count => _items.Count;

    /// <summary>Starts holding an item.</summary>
    public void Add(ClaimedItem item) => _items[item.Id] = new Held(new LeaseRef(item.Id, item.LeaseToken), new CancellationTokenSource());

    /// <summary>Stops holding an item (it was finished or handed back).</summary>
    public void Remove(long id)
    {
        if (_items.TryRemove(id, out var held))
        {
            held.Lost.Dispose();
        }
    }

    /// <summary>True while the lease on <paramref name="id"/> is held.</summary>
    public bool Holds(long id) => _items.TryGetValue(id, out var held) && !held.Lost.IsCancellationRequested;

    /// <summary>Fires when the lease on <paramref name="id"/> is lost.</summary>
    public CancellationToken LostToken(long id) => _items.TryGetValue(id, out var held) ? held.Lost.Token : new CancellationToken(true);

    /// <summary>Every lease held, for extending.</summary>
    public IReadOnlyList<LeaseRef> Leases() => [.. _items.Values.Where(h => !h.Lost.IsCancellationRequested).Select(h => h.Lease)];

    /// <summary>Records that the Api says these leases are lost: work on them stops.</summary>
    public void MarkLost(IEnumerable<long> ids)
    {
        foreach (var id in ids)
        {
            if (_items.TryGetValue(id, out var held))
            {
                try
                {
                    held.Lost.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // Removed meanwhile.
                }
            }
        }
    }

    private sealed record Held(LeaseRef Lease, CancellationTokenSource Lost);
}
