namespace Overseer.Api.Kubernetes.Transport;

/// <summary>
/// A token bucket: <c>burst</c> tokens, refilled at <c>qps</c> per second. A caller that finds the bucket empty reserves the next
/// token (the balance goes negative) and waits until it is due, so waiters are served in arrival order without a queue.
/// </summary>
public sealed class TokenBucketRateLimiter
{
    private readonly double _qps;
    private readonly double _burst;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private double _tokens;
    private long _updatedAt;

    /// <summary>Creates a full bucket. <paramref name="qps"/> of 0 or less means no limit.</summary>
    public TokenBucketRateLimiter(double qps, int burst, TimeProvider time)
    {
        _qps = qps;
        _burst = Math.Max(1, burst);
        _time = time;
        _tokens = _burst;
        _updatedAt = time.GetTimestamp();
    }

    /// <summary>True when the limiter limits anything.</summary>
    public bool Enabled => _qps > 0;

    /// <summary>Takes a token, waiting for it when none is left. Returns how long it waited.</summary>
    public async ValueTask<TimeSpan> AcquireAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return TimeSpan.Zero;
        }
        TimeSpan wait;
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + _time.GetElapsedTime(_updatedAt, now).TotalSeconds * _qps);
            _updatedAt = now;
            _tokens -= 1;
            wait = _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _qps);
        }
        if (wait <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }
        try
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (_lock)
            {
                _tokens += 1; // give the reservation back
            }
            throw;
        }
        return wait;
    }
}
