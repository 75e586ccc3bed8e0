using System.Collections.Concurrent;
using System.Net;
using Overseer.Sidecar.Proxy;

namespace Overseer.Sidecar.Tests.Infrastructure;

/// <summary>
/// Answers lookups from a table, never from real DNS. A host can have a sequence of answers (one per lookup, the
/// last repeating) to play DNS rebinding. Every lookup is recorded.
/// </summary>
public sealed class StubResolver : IHostResolver
{
    private readonly ConcurrentDictionary<string, Queue<IPAddress[]>> _answers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Hosts looked up, in order.</summary>
    public ConcurrentQueue<string> Lookups { get; } = new();

    /// <summary>Sets the answers of <paramref name="host"/>: the first lookup gets the first, and so on.</summary>
    public void Answer(string host, params IPAddress[][] answers) => _answers[host] = new Queue<IPAddress[]>(answers);

    /// <inheritdoc />
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        Lookups.Enqueue(host);
        if (!_answers.TryGetValue(host, out var queue))
        {
            throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound);
        }
        lock (queue)
        {
            return Task.FromResult(queue.Count > 1 ? queue.Dequeue() : queue.Peek());
        }
    }
}
