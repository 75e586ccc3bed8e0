using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Overseer.KubeSim.Api;

namespace Overseer.KubeSim.Store;

/// <summary>
/// The simulator's etcd: objects by resource, namespace and name; one monotonic resourceVersion for all of them; a bounded
/// history of changes that watches resume from (a resourceVersion older than the history answers 410).
/// </summary>
public sealed class ObjectStore
{
    private const string NameChars = "bcdfghjklmnpqrstvwxz2456789";

    private readonly TimeProvider _time;
    private readonly int _historyLimit;
    private readonly Lock _lock = new();
    private readonly Dictionary<ResourceKind, SortedDictionary<string, StoredObject>> _objects = [];
    private readonly LinkedList<StoreEvent> _history = new();
    private readonly List<StoreWatch> _watches = [];
    private readonly List<(ResourceKind Kind, Channel<StoreEvent> Channel)> _subscribers = [];
    private readonly Random _random = new();
    private long _revision = 100;
    private long _compacted = 100;

    /// <summary>Creates an empty store keeping <paramref name="historyLimit"/> changes for watches to resume from.</summary>
    public ObjectStore(TimeProvider time, int historyLimit)
    {
        _time = time;
        _historyLimit = historyLimit;
        foreach (var kind in ResourceKinds.All)
        {
            _objects[kind] = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
        }
    }

    /// <summary>The current resourceVersion.</summary>
    public long Revision
    {
        get
        {
            lock (_lock)
            {
                return _revision;
            }
        }
    }

    /// <summary>Versions up to this one are no longer in the history (resuming from an older one answers 410).</summary>
    public long Compacted
    {
        get
        {
            lock (_lock)
            {
                return _compacted;
            }
        }
    }

    /// <summary>Queues a BOOKMARK at the current revision on <paramref name="watch"/> (under the lock, so it never overtakes an event).</summary>
    public void Bookmark(StoreWatch watch)
    {
        lock (_lock)
        {
            watch.Items.Writer.TryWrite(new WatchItem("BOOKMARK", null) { Revision = _revision });
        }
    }

    /// <summary>The clock of timestamps.</summary>
    public TimeProvider Time => _time;

    /// <summary>Now, as Kubernetes writes timestamps.</summary>
    public string Now() => _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Stores a new object: fills name (from generateName), namespace, uid, creationTimestamp and resourceVersion, then lets
    /// <paramref name="onCreate"/> fill what depends on them (a Job's selector holds its uid).
    /// </summary>
    public StoredObject Create(ResourceKind kind, string ns, JsonObject obj, Action<JsonObject>? onCreate = null)
    {
        lock (_lock)
        {
            var meta = obj["metadata"] as JsonObject ?? throw SimApiException.BadRequest("metadata is required");
            var objects = _objects[kind];
            var name = meta["name"]?.GetValue<string>();
            if (string.IsNullOrEmpty(name))
            {
                var prefix = meta["generateName"]?.GetValue<string>() ?? "";
                do
                {
                    name = prefix + new string([.. Enumerable.Range(0, 5).Select(_ => NameChars[_random.Next(NameChars.Length)])]);
                }
                while (objects.ContainsKey(Key(ns, name)));
                meta["name"] = name;
            }
            if (objects.ContainsKey(Key(ns, name)))
            {
                throw SimApiException.AlreadyExists(kind, name);
            }
            if (kind.Namespaced)
            {
                meta["namespace"] = ns;
            }
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = Now();
            meta.Remove("resourceVersion");
            onCreate?.Invoke(obj);
            return Put(kind, ns, name, obj, "ADDED", null);
        }
    }

    /// <summary>The stored object, or null.</summary>
    public StoredObject? Get(ResourceKind kind, string ns, string name)
    {
        lock (_lock)
        {
            return _objects[kind].GetValueOrDefault(Key(ns, name));
        }
    }

    /// <summary>A private, changeable copy of the object, or null.</summary>
    public JsonObject? Copy(ResourceKind kind, string ns, string name)
    {
        lock (_lock)
        {
            return _objects[kind].GetValueOrDefault(Key(ns, name))?.Node.DeepClone().AsObject();
        }
    }

    /// <summary>Objects of one namespace (or all) that pass <paramref name="filter"/>, in key order, and the revision they are at.</summary>
    public (List<StoredObject> Items, long Revision) List(ResourceKind kind, string? ns, Func<StoredObject, bool>? filter = null)
    {
        lock (_lock)
        {
            var items = _objects[kind].Values.Where(o => (ns is null || o.Namespace == ns) && (filter is null || filter(o))).ToList();
            return (items, _revision);
        }
    }

    /// <summary>Private copies of the objects that pass <paramref name="filter"/> (read under the lock).</summary>
    public List<JsonObject> Copies(ResourceKind kind, Func<StoredObject, bool> filter)
    {
        lock (_lock)
        {
            return [.. _objects[kind].Values.Where(filter).Select(o => o.Node.DeepClone().AsObject())];
        }
    }

    /// <summary>Replaces an object (PUT). With <paramref name="expectedVersion"/>, a different stored version is a 409 Conflict.</summary>
    public StoredObject Replace(ResourceKind kind, string ns, string name, JsonObject obj, string? expectedVersion)
    {
        lock (_lock)
        {
            var old = _objects[kind].GetValueOrDefault(Key(ns, name)) ?? throw SimApiException.NotFound(kind, name);
            if (!string.IsNullOrEmpty(expectedVersion) && expectedVersion != old.ResourceVersion.ToString(CultureInfo.InvariantCulture))
            {
                throw SimApiException.Conflict(kind, name);
            }
            var meta = (JsonObject)obj["metadata"]!;
            var oldMeta = old.Node["metadata"]!;
            foreach (var field in new[] { "uid", "creationTimestamp", "namespace", "deletionTimestamp", "deletionGracePeriodSeconds" })
            {
                meta.Remove(field);
                if (oldMeta[field] is { } value)
                {
                    meta[field] = value.DeepClone();
                }
            }
            return Put(kind, ns, name, obj, "MODIFIED", old);
        }
    }

    /// <summary>Changes a copy of the object with <paramref name="change"/> and stores it if <paramref name="change"/> says it changed. Null when absent.</summary>
    public StoredObject? Mutate(ResourceKind kind, string ns, string name, Func<JsonObject, bool> change)
    {
        lock (_lock)
        {
            var old = _objects[kind].GetValueOrDefault(Key(ns, name));
            if (old is null)
            {
                return null;
            }
            var copy = old.Node.DeepClone().AsObject();
            return change(copy) ? Put(kind, ns, name, copy, "MODIFIED", old) : old;
        }
    }

    /// <summary>Removes an object; the DELETED event carries a new resourceVersion. Null when absent.</summary>
    public StoredObject? Remove(ResourceKind kind, string ns, string name)
    {
        lock (_lock)
        {
            if (!_objects[kind].Remove(Key(ns, name), out var old))
            {
                return null;
            }
            var copy = old.Node.DeepClone().AsObject();
            var deleted = Stamp(kind, ns, name, copy);
            Publish(new StoreEvent("DELETED", deleted, old));
            return deleted;
        }
    }

    /// <summary>
    /// Opens a watch. <paramref name="fromVersion"/> null starts with an ADDED event per current object; otherwise the changes
    /// after it are replayed first, and a version older than the history kept throws 410 Expired.
    /// </summary>
    public StoreWatch Watch(ResourceKind kind, string? ns, long? fromVersion, Func<StoredObject, bool> filter)
    {
        lock (_lock)
        {
            var watch = new StoreWatch(this, kind, ns, filter);
            if (fromVersion is { } from)
            {
                if (from < _compacted)
                {
                    throw SimApiException.Gone(from, _compacted);
                }
                foreach (var e in _history.Where(e => e.Object.ResourceVersion > from))
                {
                    watch.Offer(e);
                }
            }
            else
            {
                foreach (var obj in _objects[kind].Values)
                {
                    watch.Offer(new StoreEvent("ADDED", obj, null));
                }
            }
            _watches.Add(watch);
            return watch;
        }
    }

    /// <summary>Every change of <paramref name="kind"/>, for the simulator's own controllers.</summary>
    public ChannelReader<StoreEvent> Subscribe(ResourceKind kind)
    {
        var channel = Channel.CreateUnbounded<StoreEvent>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            _subscribers.Add((kind, channel));
        }
        return channel.Reader;
    }

    /// <summary>
    /// Ends every open watch, by dropping its connection when <paramref name="abort"/>. With <paramref name="gone"/>, forgets the
    /// history too and sends a 410 ERROR event: resuming from any earlier version answers 410 until clients list again.
    /// </summary>
    public int EndWatches(bool gone, bool abort = false)
    {
        lock (_lock)
        {
            if (gone)
            {
                _history.Clear();
                _compacted = _revision;
            }
            foreach (var watch in _watches)
            {
                watch.End(gone, abort);
            }
            var count = _watches.Count;
            _watches.Clear();
            return count;
        }
    }

    /// <summary>Open watches.</summary>
    public int WatchCount
    {
        get
        {
            lock (_lock)
            {
                return _watches.Count;
            }
        }
    }

    /// <summary>Ends the subscriptions of the controllers (shutdown).</summary>
    public void Close()
    {
        lock (_lock)
        {
            foreach (var (_, channel) in _subscribers)
            {
                channel.Writer.TryComplete();
            }
        }
        EndWatches(gone: false);
    }

    internal void Unwatch(StoreWatch watch)
    {
        lock (_lock)
        {
            _watches.Remove(watch);
        }
    }

    private StoredObject Put(ResourceKind kind, string ns, string name, JsonObject obj, string type, StoredObject? old)
    {
        var stored = Stamp(kind, ns, name, obj);
        _objects[kind][Key(ns, name)] = stored;
        Publish(new StoreEvent(type, stored, old));
        return stored;
    }

    private StoredObject Stamp(ResourceKind kind, string ns, string name, JsonObject obj)
    {
        var revision = ++_revision;
        obj["apiVersion"] = kind.ApiVersion;
        obj["kind"] = kind.Kind;
        ((JsonObject)obj["metadata"]!)["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture);
        var node = obj.DeepClone().AsObject();
        return new StoredObject(kind, ns, name, revision, node, JsonSerializer.SerializeToUtf8Bytes(node));
    }

    private void Publish(StoreEvent e)
    {
        _history.AddLast(e);
        while (_history.Count > _historyLimit)
        {
            _compacted = _history.First!.Value.Object.ResourceVersion;
            _history.RemoveFirst();
        }
        foreach (var watch in _watches)
        {
            watch.Offer(e);
        }
        foreach (var (kind, channel) in _subscribers)
        {
            if (kind == e.Object.Kind)
            {
                channel.Writer.TryWrite(e);
            }
        }
    }

    private static string Key(string ns, string name) => $"{ns}/{name}";
}
