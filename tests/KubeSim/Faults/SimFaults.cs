namespace Overseer.KubeSim.Faults;

/// <summary>
/// Switches for API faults: 429 or 500 on a fraction of requests (or on the next N), creates whose response is dropped after
/// the object was stored. Watch and pod faults are on <see cref="Hosting.KubeSimServer"/>.
/// </summary>
public sealed class SimFaults
{
    private readonly Lock _lock = new();
    private readonly Random _random;
    private readonly Queue<(int Code, int? RetryAfter)> _next = new();
    private int _dropCreates;

    /// <summary>Creates the switches, all off; <paramref name="seed"/> makes the dice repeatable.</summary>
    public SimFaults(int? seed = null) => _random = seed is { } s ? new Random(s) : new Random();

    /// <summary>Fraction (0..1) of requests answered 429 with <c>Retry-After: RetryAfterSeconds</c>.</summary>
    public double TooManyRequestsRate { get; set; }

    /// <summary>Fraction (0..1) of requests answered 500.</summary>
    public double InternalErrorRate { get; set; }

    /// <summary>The <c>Retry-After</c> of 429s from <see cref="TooManyRequestsRate"/>.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>
    /// How late watches of a resource (by plural, e.g. <c>pods</c>) deliver each event, as when one watch stream lags
    /// behind another: events keep their order, each leaves no earlier than this long after its change.
    /// </summary>
    public IDictionary<string, TimeSpan> WatchLag { get; } = new System.Collections.Concurrent.ConcurrentDictionary<string, TimeSpan>();

    /// <summary>Verbs the rates apply to (null: all).</summary>
    public IReadOnlySet<string>? Verbs { get; set; }

    /// <summary>Answers the next <paramref name="count"/> API requests with <paramref name="code"/> (and <c>Retry-After</c> when given).</summary>
    public void FailNext(int count, int code, int? retryAfterSeconds = null)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _next.Enqueue((code, retryAfterSeconds));
            }
        }
    }

    /// <summary>Stores the next <paramref name="count"/> created objects but drops the connection instead of answering.</summary>
    public void DropCreateResponses(int count)
    {
        lock (_lock)
        {
            _dropCreates += count;
        }
    }

    /// <summary>Turns every switch off.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _next.Clear();
            _dropCreates = 0;
            TooManyRequestsRate = 0;
            InternalErrorRate = 0;
            Verbs = null;
            WatchLag.Clear();
        }
    }

    /// <summary>The injected error for this request, if any: status code and Retry-After.</summary>
    public (int Code, int? RetryAfter)? Roll(string verb)
    {
        lock (_lock)
        {
            if (_next.TryDequeue(out var next))
            {
                return next;
            }
            if (Verbs is not null && !Verbs.Contains(verb))
            {
                return null;
            }
            var dice = _random.NextDouble();
            if (dice < TooManyRequestsRate)
            {
                return (429, RetryAfterSeconds);
            }
            if (dice < TooManyRequestsRate + InternalErrorRate)
            {
                return (500, null);
            }
            return null;
        }
    }

    /// <summary>True when this create's response is to be dropped.</summary>
    public bool TakeDropCreate()
    {
        lock (_lock)
        {
            if (_dropCreates <= 0)
            {
                return false;
            }
            _dropCreates--;
            return true;
        }
    }
}
