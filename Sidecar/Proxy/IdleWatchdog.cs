namespace Overseer.Sidecar.Proxy;

/// <summary>
/// Cancels a connection's token when it sees no traffic for the idle timeout, or when a request head takes longer
/// than the head timeout once it started (slow-header clients). Reads and writes call <see cref="Touch"/>.
/// </summary>
internal sealed class IdleWatchdog : IDisposable
{
    private readonly TimeProvider _time;
    private readonly long _idleTicks;
    private readonly long _headTicks;
    private readonly CancellationTokenSource _cts;
    private readonly ITimer _timer;
    private long _last;
    private long _headDeadline = long.MaxValue;

    public IdleWatchdog(TimeProvider time, TimeSpan idle, TimeSpan headTimeout, CancellationToken stopping)
    {
        _time = time;
        _idleTicks = (long)(idle.TotalSeconds * time.TimestampFrequency);
        _headTicks = (long)(headTimeout.TotalSeconds * time.TimestampFrequency);
        _cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _last = time.GetTimestamp();
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond * 50, Math.Min(idle.Ticks, headTimeout.Ticks) / 4));
        _timer = time.CreateTimer(_ => Check(), null, period, period);
    }

    /// <summary>Cancelled when the connection must close.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>Why the token was cancelled by this watchdog, if it was.</summary>
    public string? Reason { get; private set; }

    public void Touch() => Volatile.Write(ref _last, _time.GetTimestamp());

    public void HeadStarted() => Volatile.Write(ref _headDeadline, _time.GetTimestamp() + _headTicks);

    public void HeadDone() => Volatile.Write(ref _headDeadline, long.MaxValue);

    /// <summary>Closes the connection now.</summary>
    public void Cancel(string reason)
    {
        Reason ??= reason;
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _cts.Dispose();
    }

    private void Check()
    {
        var now = _time.GetTimestamp();
        if (now - Volatile.Read(ref _last) > _idleTicks)
        {
            Cancel("idle timeout");
        }
        else if (now > Volatile.Read(ref _headDeadline))
        {
            Cancel("request head timeout");
        }
    }
}
