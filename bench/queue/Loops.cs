using System.Diagnostics;

namespace Overseer.Bench.Queue;

/// <summary>Runs numbered calls on concurrent loops within a time limit.</summary>
internal static class Loops
{
    /// <summary>Calls <paramref name="one"/> for 0..count-1 on <paramref name="workers"/> loops; answers the items it reported, seconds, and whether time ran out.</summary>
    public static async Task<(long Done, double Seconds, bool TimedOut)> RunAsync(int count, int workers, TimeSpan limit, Func<int, Task<int>> one)
    {
        var next = -1;
        var done = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && clock.Elapsed < limit)
            {
                Interlocked.Add(ref done, await one(i));
            }
        }));
        return (done, clock.Elapsed.TotalSeconds, clock.Elapsed >= limit);
    }
}
