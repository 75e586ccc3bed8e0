using System.Threading.Channels;

namespace Overseer.KubeSim.Store;

/// <summary>One open watch: events of one resource (one namespace or all) that pass a filter, queued for its HTTP stream.</summary>
public sealed class StoreWatch : IDisposable
{
    private readonly ObjectStore _store;

    internal StoreWatch(ObjectStore store, ResourceKind kind, string? ns, Func<StoredObject, bool> filter)
    {
        _store = store;
        Kind = kind;
        Namespace = ns;
        Filter = filter;
    }

    internal ResourceKind Kind { get; }

    internal string? Namespace { get; }

    internal Func<StoredObject, bool> Filter { get; }

    /// <summary>Queued items.</summary>
    public Channel<WatchItem> Items { get; } = Channel.CreateUnbounded<WatchItem>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a change if it concerns this watch, translating selector entries and exits into ADDED and DELETED.</summary>
    internal void Offer(StoreEvent e)
    {
        if (e.Object.Kind != Kind || (Namespace is not null && e.Object.Namespace != Namespace))
        {
            return;
        }
        var now = Filter(e.Object);
        var before = e.Previous is not null && Filter(e.Previous);
        var type = e.Type switch
        {
            "ADDED" => now ? "ADDED" : null,
            "DELETED" => now ? "DELETED" : null,
            _ when now && before => "MODIFIED",
            _ when now => "ADDED",
            _ when before => "DELETED",
            _ => null,
        };
        if (type is not null)
        {
            Items.Writer.TryWrite(new WatchItem(type, e.Object));
        }
    }

    /// <summary>Ends the stream: after a 410 ERROR event when <paramref name="gone"/>; by dropping the connection when <paramref name="abort"/>.</summary>
    public void End(bool gone, bool abort)
    {
        Items.Writer.TryWrite(new WatchItem(null, null, End: true, Gone: gone, Abort: abort));
        Items.Writer.TryComplete();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Items.Writer.TryComplete();
        _store.Unwatch(this);
    }
}
