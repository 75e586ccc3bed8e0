using Overseer.Api.StateMachine;

namespace Overseer.Api.Execution;

/// <summary>
/// Output of one attempt waiting to be stored. It keeps at most <c>maxBytes</c> stored plus pending: past that the
/// oldest output is dropped (stored chunks are deleted, pending bytes trimmed) and counted, so a chatty task keeps
/// its tail and memory stays bounded. Thread-safe: the stdout and stderr readers append while the writer takes.
/// </summary>
public sealed class LogBuffer(long maxBytes, TimeProvider time, int chunkBytes = 16 * 1024)
{
    private readonly Lock _lock = new();
    private readonly List<Pending> _pending = [];
    private readonly Queue<(int Seq, int Size)> _stored = new();
    private long _pendingBytes;
    private long _storedBytes;
    private long _truncated;
    private int _nextSeq = 1;
    private int _deleteBelow;
    private bool _countersDirty;

    /// <summary>Bytes read so far, including dropped ones.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>Adds output read from a stream (1 stdout, 2 stderr).</summary>
    public void Append(short stream, ReadOnlySpan<byte> data)
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            TotalBytes += data.Length;
            while (!data.IsEmpty)
            {
                var last = _pending.Count > 0 ? _pending[^1] : null;
                if (last is null || last.Stream != stream || last.Data.Length >= chunkBytes)
                {
                    last = new Pending(stream, now);
                    _pending.Add(last);
                }
                var take = Math.Min(data.Length, chunkBytes - (int)last.Data.Length);
                last.Data.Write(data[..take]);
                _pendingBytes += take;
                data = data[take..];
            }
            Evict();
        }
    }

    /// <summary>Takes what is new since the last call, numbered for storage; null when nothing changed.</summary>
    public LogUpdate? TakeUpdate()
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            if (_pending.Count == 0 && _deleteBelow == 0 && !_countersDirty)
            {
                return null;
            }
            var chunks = new List<LogChunk>(_pending.Count);
            foreach (var p in _pending)
            {
                var bytes = p.Data.ToArray();
                var seq = _nextSeq++;
                chunks.Add(new LogChunk(seq, p.Stream, time.GetElapsedTime(p.At, now).TotalMilliseconds, bytes));
                _stored.Enqueue((seq, bytes.Length));
                _storedBytes += bytes.Length;
            }
            _pending.Clear();
            _pendingBytes = 0;
            var update = new LogUpdate(chunks, _deleteBelow, _storedBytes, _truncated);
            _deleteBelow = 0;
            _countersDirty = false;
            return update;
        }
    }

    private void Evict()
    {
        while (_storedBytes + _pendingBytes > maxBytes)
        {
            _countersDirty = true;
            if (_stored.Count > 0)
            {
                var (seq, size) = _stored.Dequeue();
                _storedBytes -= size;
                _truncated += size;
                _deleteBelow = seq + 1;
                continue;
            }
            var first = _pending[0];
            var excess = (int)Math.Min(_storedBytes + _pendingBytes - maxBytes, first.Data.Length);
            var rest = first.Data.ToArray().AsSpan(excess);
            first.Data.SetLength(0);
            first.Data.Write(rest);
            _pendingBytes -= excess;
            _truncated += excess;
            if (first.Data.Length == 0)
            {
                _pending.RemoveAt(0);
            }
        }
    }

    private sealed class Pending(short stream, long at)
    {
        public short Stream { get; } = stream;
        public long At { get; } = at;
        public MemoryStream Data { get; } = new();
    }
}
