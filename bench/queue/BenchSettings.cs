namespace Overseer.Bench.Queue;

/// <summary>What one benchmark run does (command-line options; defaults are the issue's).</summary>
internal sealed record BenchSettings
{
    public int Items { get; init; } = 20_000;
    public IReadOnlyList<int> Concurrencies { get; init; } = [4, 8];
    public int Batch { get; init; } = 100;
    public int Chunk { get; init; } = 1000;
    public int Available { get; init; } = 1000;
    public int Finished { get; init; } = 1_000_000;
    public int LatencySamples { get; init; } = 3000;
    public TimeSpan PhaseLimit { get; init; } = TimeSpan.FromSeconds(90);
    public bool Peers { get; init; } = true;

    /// <summary>
    /// False (default): PostgreSQL's data on tmpfs, where fsync returns at once, like the write-cached disk the
    /// performance anchors were measured on. True: on the VM's disk, whose fsync rate swings with other users' load.
    /// </summary>
    public bool Disk { get; init; }

    /// <summary>Load pg_stat_statements and print where the server's time went, per statement.</summary>
    public bool Statements { get; init; }

    public static BenchSettings Parse(string[] args)
    {
        int Int(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
        }
        var defaults = new BenchSettings();
        return new BenchSettings
        {
            Items = Int("--items", defaults.Items),
            Batch = Int("--batch", defaults.Batch),
            Finished = Int("--finished", defaults.Finished),
            LatencySamples = Int("--samples", defaults.LatencySamples),
            PhaseLimit = TimeSpan.FromSeconds(Int("--phase-seconds", 90)),
            Peers = !args.Contains("--no-peers"),
            Disk = args.Contains("--disk") || !Directory.Exists("/dev/shm"),
            Statements = args.Contains("--statements"),
        };
    }
}
