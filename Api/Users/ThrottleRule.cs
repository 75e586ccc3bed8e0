namespace Overseer.Api.Users;

/// <summary>One sign-in throttle: failures allowed without delay, then a delay that doubles with each further failure, up to a cap.</summary>
public sealed class ThrottleRule
{
    /// <summary>Failures that cost nothing.</summary>
    public int FreeFailures { get; set; }

    /// <summary>Delay after the first failure past the free ones.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long after the last of <paramref name="failures"/> failures the next attempt must wait.</summary>
    public TimeSpan DelayAfter(int failures)
    {
        if (failures <= FreeFailures)
        {
            return TimeSpan.Zero;
        }
        var doublings = Math.Min(failures - FreeFailures - 1, 40);
        var delay = FirstDelay.TotalSeconds * Math.Pow(2, doublings);
        return delay >= MaxDelay.TotalSeconds ? MaxDelay : TimeSpan.FromSeconds(delay);
    }
}
