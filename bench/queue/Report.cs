using System.Globalization;

namespace Overseer.Bench.Queue;

/// <summary>Prints the markdown tables: throughput with ratios, claim latency, commits per item, and the targets.</summary>
internal static class Report
{
    private const string Graphile = "graphile-worker";
    private const string PgBoss = "pg-boss";

    public static void Print(IReadOnlyList<Measurement> all, BenchSettings settings, (double P50, double P99) plain, (double P50, double P99) history)
    {
        Console.WriteLine();
        Console.WriteLine($"### Throughput, items/s ({settings.Items} no-op items; batches of {settings.Chunk} to enqueue, {settings.Batch} to claim)");
        Console.WriteLine();
        Console.WriteLine("| metric | c | Overseer SQL | Overseer HTTP | graphile-worker | pg-boss | SQL ÷ graphile | SQL ÷ pg-boss | HTTP ÷ graphile |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var metric in new[] { Metrics.SingleEnqueue, Metrics.BatchEnqueue, Metrics.OneAtATime, Metrics.OneAtATimeSeparateAck, Metrics.Batched })
        {
            var peerMetric = metric == Metrics.OneAtATimeSeparateAck ? Metrics.OneAtATime : metric;
            foreach (var c in settings.Concurrencies)
            {
                var sql = Find(all, OverseerSql.System, metric, c);
                var http = Find(all, OverseerHttp.System, metric, c);
                var graphile = Find(all, Graphile, peerMetric, c);
                var boss = Find(all, PgBoss, peerMetric, c);
                Console.WriteLine($"| {metric} | {c} | {Rate(sql)} | {Rate(http)} | {Rate(graphile)} | {Rate(boss)} | {Ratio(sql, graphile)} | {Ratio(sql, boss)} | {Ratio(http, graphile)} |");
            }
        }
        Console.WriteLine();
        Console.WriteLine($"### Overseer claim latency (one claimer, {settings.Available} available items, {settings.LatencySamples} claims)");
        Console.WriteLine();
        Console.WriteLine("| table holds | p50 ms | p99 ms |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| {settings.Available} available | {plain.P50:0.000} | {plain.P99:0.000} |");
        Console.WriteLine($"| {settings.Available} available + {settings.Finished:N0} finished | {history.P50:0.000} | {history.P99:0.000} |");
        Console.WriteLine($"| ratio | {history.P50 / plain.P50:0.00} | {history.P99 / plain.P99:0.00} |");
        Console.WriteLine();
        Console.WriteLine("### Commits per item, claim + complete one at a time (pg_stat_database.xact_commit)");
        Console.WriteLine();
        Console.WriteLine("| c | Overseer SQL, ack with next claim | Overseer SQL, separate ack | Overseer HTTP | graphile-worker | pg-boss |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var c in settings.Concurrencies)
        {
            Console.WriteLine($"| {c} | {Commits(Find(all, OverseerSql.System, Metrics.OneAtATime, c))} | {Commits(Find(all, OverseerSql.System, Metrics.OneAtATimeSeparateAck, c))} | " +
                $"{Commits(Find(all, OverseerHttp.System, Metrics.OneAtATime, c))} | {Commits(Find(all, Graphile, Metrics.OneAtATime, c))} | {Commits(Find(all, PgBoss, Metrics.OneAtATime, c))} |");
        }
        Console.WriteLine();
        Console.WriteLine("### Targets");
        Console.WriteLine();
        Console.WriteLine("| target | measured | |");
        Console.WriteLine("|---|---|---|");
        foreach (var c in settings.Concurrencies)
        {
            Target($">= 1.3x graphile-worker one at a time (Overseer SQL, ack with next claim), c={c}",
                Value(all, OverseerSql.System, Metrics.OneAtATime, c) / Value(all, Graphile, Metrics.OneAtATime, c), 1.3, higher: true);
            Target($">= 1.3x graphile-worker one at a time (Overseer SQL, separate ack), c={c}",
                Value(all, OverseerSql.System, Metrics.OneAtATimeSeparateAck, c) / Value(all, Graphile, Metrics.OneAtATime, c), 1.3, higher: true);
            Target($">= 1.0x graphile-worker batched (Overseer SQL), c={c}",
                Value(all, OverseerSql.System, Metrics.Batched, c) / Value(all, Graphile, Metrics.Batched, c), 1.0, higher: true);
            Target($"<= 2 commits per item unbatched (Overseer SQL, separate ack), c={c}",
                Find(all, OverseerSql.System, Metrics.OneAtATimeSeparateAck, c)?.CommitsPerItem ?? double.NaN, 2, higher: false);
        }
        Target("claim p99 with 1M finished <= 1.5x without", history.P99 / plain.P99, 1.5, higher: false);
    }

    private static void Target(string name, double value, double bound, bool higher)
    {
        var met = higher ? value >= bound : value <= bound;
        Console.WriteLine($"| {name} | {value:0.00} | {(double.IsNaN(value) ? "not measured" : met ? "met" : "MISSED")} |");
    }

    private static Measurement? Find(IReadOnlyList<Measurement> all, string system, string metric, int c) =>
        all.LastOrDefault(m => m.System == system && m.Metric == metric && m.Concurrency == c);

    private static double Value(IReadOnlyList<Measurement> all, string system, string metric, int c) =>
        Find(all, system, metric, c)?.Rate ?? double.NaN;

    private static string Rate(Measurement? m) =>
        m is null ? "–" : m.Rate.ToString("N0", CultureInfo.InvariantCulture) + (m.TimedOut ? $" ({m.Items:N0} in {m.Seconds:0}s limit)" : "");

    private static string Ratio(Measurement? a, Measurement? b) => a is null || b is null || b.Rate == 0 ? "–" : (a.Rate / b.Rate).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Commits(Measurement? m) => m?.CommitsPerItem is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "–";
}
