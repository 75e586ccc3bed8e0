using Overseer.Api.StateMachine;

namespace Overseer.Api.Execution;

/// <summary>An attempt running in this process: its output buffer and the switch that stops it.</summary>
public sealed class LiveAttempt(AttemptKey key, LogBuffer logs) : IDisposable
{
    private readonly CancellationTokenSource _kill = new();
    private int _reason;

    /// <summary>Which attempt.</summary>
    public AttemptKey Key { get; } = key;

    /// <summary>Its output, not yet stored.</summary>
    public LogBuffer Logs { get; } = logs;

    private volatile StartInfo? _started;

    /// <summary>When its process started (a <see cref="TimeProvider"/> timestamp), once it has.</summary>
    public long? StartedAt => _started?.At;

    /// <summary>Its process id, once started.</summary>
    public int? Pid => _started?.Pid;

    /// <summary>Records that the process started (read by the writer thread, hence one immutable object).</summary>
    public void MarkStarted(long at, int pid) => _started = new StartInfo(at, pid);

    /// <summary>Fires when the attempt must be stopped; see <see cref="KillReason"/>.</summary>
    public CancellationToken KillToken => _kill.Token;

    /// <summary>Why it was asked to stop (the first reason wins).</summary>
    public KillReason KillReason => (KillReason)Volatile.Read(ref _reason);

    /// <summary>Asks the attempt to stop. Later requests do not change the reason.</summary>
    public void Kill(KillReason reason)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, (int)KillReason.None) == (int)KillReason.None)
        {
            try
            {
                _kill.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already ended and cleaned up: nothing to stop.
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _kill.Dispose();

    private sealed record StartInfo(long At, int Pid);
}
