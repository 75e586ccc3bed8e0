namespace Overseer.Api.Users;

/// <summary>
/// Sign-in throttling (section <c>Users:SignInThrottle</c>; the policy and its reasons are in docs/security.md). The
/// per-user rule is the gentle one: one address is held back by the other two long before it reaches it, so only a
/// guess spread over many addresses slows the user's own sign-in, and then by at most <see cref="ThrottleRule.MaxDelay"/>.
/// </summary>
public sealed class SignInThrottleOptions
{
    /// <summary>Failures of one user name from one client address.</summary>
    public ThrottleRule PerUserAtAddress { get; set; } = new() { FreeFailures = 3, MaxDelay = TimeSpan.FromMinutes(15) };

    /// <summary>Failures from one client address, whatever the name.</summary>
    public ThrottleRule PerAddress { get; set; } = new() { FreeFailures = 10, MaxDelay = TimeSpan.FromMinutes(15) };

    /// <summary>Failures of one user name, from anywhere.</summary>
    public ThrottleRule PerUser { get; set; } = new() { FreeFailures = 20, MaxDelay = TimeSpan.FromMinutes(1) };

    /// <summary>How long a failure counts (a sliding window).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most names, addresses and pairs remembered; past it the oldest are forgotten first.</summary>
    public int MaxTracked { get; set; } = 100_000;
}
