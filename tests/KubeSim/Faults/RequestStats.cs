using System.Collections.Concurrent;

namespace Overseer.KubeSim.Faults;

/// <summary>Requests per verb and resource, and a log of the most recent ones (served at <c>/_sim/stats</c>).</summary>
public sealed class RequestStats
{
    private const int LogSize = 2000;

    private readonly ConcurrentDictionary<(string Verb, string Resource), long> _counts = new();
    private readonly ConcurrentQueue<RequestRecord> _log = new();

    /// <summary>Records one request.</summary>
    public void Record(RequestRecord record)
    {
        _counts.AddOrUpdate((record.Verb, record.Resource), 1, (_, n) => n + 1);
        _log.Enqueue(record);
        while (_log.Count > LogSize)
        {
            _log.TryDequeue(out _);
        }
    }

    /// <summary>Requests so far with this verb and resource.</summary>
    public long Count(string verb, string resource) => _counts.TryGetValue((verb, resource), out var n) ? n : 0;

    /// <summary>Counts by verb and resource.</summary>
    public IReadOnlyDictionary<(string Verb, string Resource), long> Counts() => new Dictionary<(string, string), long>(_counts);

    /// <summary>The most recent requests, oldest first.</summary>
    public IReadOnlyList<RequestRecord> Recent() => [.. _log];

    /// <summary>Forgets everything.</summary>
    public void Reset()
    {
        _counts.Clear();
        _log.Clear();
    }
}
