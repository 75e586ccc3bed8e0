namespace Overseer.Testing;

/// <summary>Waits for a condition that becomes true asynchronously (a process exiting, a row appearing).</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="probe"/> until it answers true; throws <see cref="TimeoutException"/> with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static Task TrueAsync(Func<Task<bool>> probe, TimeSpan timeout, string what) => TrueAsync(probe, timeout, () => what);

    /// <summary>Like the other overloads, with the description computed when the wait fails (e.g. to include logs).</summary>
    public static async Task TrueAsync(Func<Task<bool>> probe, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe())
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#}s waiting for: {what()}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Synchronous-probe overload.</summary>
    public static Task TrueAsync(Func<bool> probe, TimeSpan timeout, string what) => TrueAsync(() => Task.FromResult(probe()), timeout, what);

    /// <summary>Synchronous-probe overload with a late description.</summary>
    public static Task TrueAsync(Func<bool> probe, TimeSpan timeout, Func<string> what) => TrueAsync(() => Task.FromResult(probe()), timeout, what);
}
