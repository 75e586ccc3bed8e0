namespace Overseer.Sidecar.Relay;

/// <summary>Exponential delays with jitter: initial, doubled each try, capped; each scaled by a random factor in [0.5, 1].</summary>
internal sealed class Backoff(TimeSpan initial, TimeSpan max)
{
    public int Tries { get; private set; }

    /// <summary>The delay before the next try.</summary>
    public TimeSpan Next()
    {
        var exponent = Math.Min(Tries, 20);
        Tries++;
        var ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
    }
}
