using System.Collections.Concurrent;
using Overseer.Api.StateMachine;

namespace Overseer.Api.Execution;

/// <summary>The attempts this process runs now; the heartbeat, the output flush and cancels work from it.</summary>
public sealed class LiveAttempts : ICancelRouter
{
    private readonly ConcurrentDictionary<AttemptKey, LiveAttempt> _live = new();

    /// <summary>Number of live attempts.</summary>
    public int Count => _live.Count;

    /// <summary>A snapshot of the live attempts.</summary>
    public IReadOnlyList<LiveAttempt> Snapshot() => [.. _live.Values];

    /// <summary>Registers a starting attempt.</summary>
    public void Add(LiveAttempt attempt) => _live[attempt.Key] = attempt;

    /// <summary>Forgets an ended attempt.</summary>
    public void Remove(AttemptKey key) => _live.TryRemove(key, out _);

    /// <summary>The live attempt with this key, if it runs here.</summary>
    public LiveAttempt? Find(AttemptKey key) => _live.GetValueOrDefault(key);

    /// <inheritdoc />
    public void Cancel(Guid taskId)
    {
        foreach (var attempt in _live.Values.Where(a => a.Key.TaskId == taskId))
        {
            attempt.Kill(KillReason.Cancel);
        }
    }

    /// <summary>Stops every live attempt.</summary>
    public void KillAll(KillReason reason)
    {
        foreach (var attempt in _live.Values)
        {
            attempt.Kill(reason);
        }
    }
}
