using Microsoft.Extensions.Options;

namespace Overseer.Api.Users;

/// <summary>
/// Counts failed sign-ins per client address, per user name and per name at an address over a sliding window, and says
/// how long the next attempt must wait: the delay for the number of failures in the window, from the last of them
/// (see <see cref="SignInThrottleOptions"/>). The counts live in this process: one Api replica sees
/// all its sign-ins, several replicas each throttle their share, and a restart forgets them (docs/security.md).
/// </summary>
internal sealed class SignInThrottle(TimeProvider time, IOptions<UsersOptions> options)
{
    private readonly SignInThrottleOptions _options = options.Value.SignInThrottle;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>How long an attempt of <paramref name="user"/> from <paramref name="address"/> must still wait; zero when it may go ahead.</summary>
    public TimeSpan RetryAfter(string address, string user)
    {
        var now = time.GetUtcNow();
        var wait = TimeSpan.Zero;
        lock (_lock)
        {
            foreach (var (key, rule) in Keys(address, user))
            {
                if (_failures.TryGetValue(key, out var times) && Prune(key, times, now) is > 0 and var count)
                {
                    var left = times.Last() + rule.DelayAfter(count) - now;
                    wait = left > wait ? left : wait;
                }
            }
        }
        return wait;
    }

    /// <summary>Counts a failed attempt (wrong password, unknown or disabled user).</summary>
    public void Failed(string address, string user)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            foreach (var (key, rule) in Keys(address, user))
            {
                if (!_failures.TryGetValue(key, out var times))
                {
                    _failures[key] = times = new Queue<DateTimeOffset>();
                }
                times.Enqueue(now);
                // Past this many the delay is at its cap already; older failures add nothing.
                while (times.Count > rule.FreeFailures + 40)
                {
                    times.Dequeue();
                }
            }
            if (_failures.Count > _options.MaxTracked)
            {
                Trim(now);
            }
        }
    }

    /// <summary>
    /// A correct sign-in clears the failures of that name at that address only: clearing the address's would let an
    /// attacker reset it by signing in to an account of their own, clearing the name's would undo a distributed guess's delay.
    /// </summary>
    public void Succeeded(string address, string user)
    {
        lock (_lock)
        {
            _failures.Remove(PairKey(address, user));
        }
    }

    private IEnumerable<(string Key, ThrottleRule Rule)> Keys(string address, string user)
    {
        yield return (PairKey(address, user), _options.PerUserAtAddress);
        yield return ("address\n" + address, _options.PerAddress);
        yield return ("user\n" + user, _options.PerUser);
    }

    private static string PairKey(string address, string user) => "pair\n" + user + "\n" + address;

    /// <summary>Drops the failures that left the window; answers how many are left (a key with none is forgotten).</summary>
    private int Prune(string key, Queue<DateTimeOffset> times, DateTimeOffset now)
    {
        while (times.Count > 0 && now - times.Peek() >= _options.Window)
        {
            times.Dequeue();
        }
        if (times.Count == 0)
        {
            _failures.Remove(key);
        }
        return times.Count;
    }

    private void Trim(DateTimeOffset now)
    {
        foreach (var (key, times) in _failures.ToList())
        {
            Prune(key, times, now);
        }
        var excess = _failures.Count - _options.MaxTracked * 9 / 10;
        foreach (var key in _failures.OrderBy(p => p.Value.Last()).Take(Math.Max(0, excess)).Select(p => p.Key).ToList())
        {
            _failures.Remove(key);
        }
    }
}
