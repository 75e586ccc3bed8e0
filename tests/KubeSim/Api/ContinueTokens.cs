using System.Globalization;
using System.Text;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Api;

/// <summary>
/// Paged lists read one snapshot, as etcd does: the first page keeps the full result, continue tokens point into it. A token
/// whose snapshot is older than the store's history answers 410, as an expired etcd revision does.
/// </summary>
public sealed class ContinueTokens
{
    private const int MaxSnapshots = 256;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (List<StoredObject> Items, long Revision)> _snapshots = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>Remembers a list result; returns the token of the item at <paramref name="offset"/>.</summary>
    public string Save(List<StoredObject> items, long revision, int offset)
    {
        var id = Guid.NewGuid().ToString("N");
        lock (_lock)
        {
            _snapshots[id] = (items, revision);
            _order.Enqueue(id);
            while (_order.Count > MaxSnapshots)
            {
                _snapshots.Remove(_order.Dequeue());
            }
        }
        return Token(id, offset);
    }

    /// <summary>The token for the next page of the same snapshot.</summary>
    public static string Token(string id, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{offset.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>The snapshot and offset a token points at; 400 for a malformed token, 410 for an expired one.</summary>
    public (string Id, List<StoredObject> Items, long Revision, int Offset) Resolve(string token, long compacted)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw SimApiException.BadRequest("continue key is not valid: illegal base64 data");
        }
        var parts = text.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            throw SimApiException.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
        lock (_lock)
        {
            if (!_snapshots.TryGetValue(parts[0], out var snapshot) || snapshot.Revision < compacted)
            {
                throw new SimApiException(410, "Expired",
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
            }
            return (parts[0], snapshot.Items, snapshot.Revision, offset);
        }
    }
}
