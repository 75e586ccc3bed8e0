namespace Overseer.Testing;

/// <summary>
/// CPU time used by the calling thread (Linux /proc, 10 ms resolution). Timing limits measured this way hold on a busy
/// machine, where wall-clock time mostly measures the other processes.
/// </summary>
public static class ThreadCpuTime
{
    /// <summary>CPU time (user + system) the current thread has used so far.</summary>
    public static TimeSpan Now()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After "pid (comm) ", field 14 (utime) and 15 (stime) of proc(5) are at indexes 11 and 12.
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>Runs <paramref name="action"/> on this thread and answers the CPU time it used.</summary>
    public static TimeSpan Measure(Action action)
    {
        var before = Now();
        action();
        return Now() - before;
    }
}
