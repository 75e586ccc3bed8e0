namespace Overseer.Api.Execution;

/// <summary>Wakes the dispatcher: a task was submitted or requeued, or an executor slot freed up. Signals coalesce.</summary>
public sealed class WorkSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Wakes a waiting dispatcher (or the next one to wait).</summary>
    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: signals coalesce.
        }
    }

    /// <summary>Wakes the dispatcher after <paramref name="delay"/> (a retry whose backoff ends then).</summary>
    public void NotifyAfter(TimeSpan delay, TimeProvider time) =>
        _ = Task.Delay(delay, time).ContinueWith(_ => Notify(), TaskScheduler.Default);

    /// <summary>Waits for a signal or the timeout; true when signalled.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    /// <inheritdoc />
    public void Dispose() => _signal.Dispose();
}
