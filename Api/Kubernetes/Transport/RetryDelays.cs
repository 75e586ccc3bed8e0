using System.Globalization;
using System.Net.Http.Headers;

namespace Overseer.Api.Kubernetes.Transport;

/// <summary>How long to wait before a retry: the server's <c>Retry-After</c> when given, else exponential backoff; both with jitter.</summary>
public static class RetryDelays
{
    /// <summary>The delay before retry number <paramref name="retry"/> (1-based).</summary>
    public static TimeSpan Next(int retry, TimeSpan? retryAfter, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        if (retryAfter is { } hinted && hinted > TimeSpan.Zero)
        {
            // Never earlier than the server asked; a little later, so clients told the same thing do not return together.
            var spread = hinted * (0.1 * random.NextDouble());
            return Min(hinted + spread, maxDelay);
        }
        var ceiling = Min(baseDelay * Math.Pow(2, Math.Min(retry - 1, 20)), maxDelay);
        // "Equal jitter": at least half the exponential step, so retries still spread out under load.
        return ceiling / 2 + ceiling / 2 * random.NextDouble();
    }

    /// <summary>Reads <c>Retry-After</c> (seconds or an HTTP date).</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.RetryAfter is { } value)
        {
            if (value.Delta is { } delta)
            {
                return delta;
            }
            if (value.Date is { } date)
            {
                return date > now ? date - now : TimeSpan.Zero;
            }
        }
        if (headers.TryGetValues("Retry-After", out var raw) &&
            int.TryParse(raw.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }
        return null;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
