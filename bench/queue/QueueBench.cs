using System.Net.Http.Headers;
using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Overseer.Api.Infrastructure.Database;
using Overseer.AppHost.Postgres;
using Overseer.Contracts.Client;

namespace Overseer.Bench.Queue;

/// <summary>
/// Overseer's queue against graphile-worker and pg-boss on one PostgreSQL, in one invocation (bench/queue/run.sh).
/// Not part of the test command. Absolute numbers drift on a shared machine; the ratios are the result.
/// </summary>
internal static class QueueBench
{
    private const string AdminToken = "bench-admin-token-0123456789abcdef";

    public static async Task<int> Main(string[] args)
    {
        var settings = BenchSettings.Parse(args);
        var peersDir = typeof(QueueBench).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "PeersDir").Value!;
        var dataDir = Path.Combine(settings.Disk ? "/tmp" : "/dev/shm", $"overseer-qbench-{Guid.NewGuid():N}"[..31]);
        Directory.CreateDirectory(dataDir);
        File.SetUnixFileMode(dataDir, (UnixFileMode)0b111_101_101);
        await using var pg = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
        {
            DataDir = dataDir,
            Settings = settings.Statements
                ? new Dictionary<string, string> { ["shared_buffers"] = "512MB", ["max_connections"] = "200", ["shared_preload_libraries"] = "pg_stat_statements" }
                : new Dictionary<string, string> { ["shared_buffers"] = "512MB", ["max_connections"] = "200" },
        }, CancellationToken.None);
        try
        {
            // The same pool settings as the Api's QueueDataSource (no session reset between uses, generic plans).
            await using var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(pg.ConnectionString)
            {
                NoResetOnClose = true,
                Options = "-c plan_cache_mode=force_generic_plan",
            }.ConnectionString);
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores; {await ServerAsync(db)}; fsync and synchronous_commit on; data on " +
                (settings.Disk ? "the VM disk (/tmp)" : "tmpfs (/dev/shm: fsync returns at once, as on the anchors' write-cached disk; --disk for the VM disk)"));
            Console.WriteLine($"items {settings.Items}, concurrency {string.Join(" and ", settings.Concurrencies)}, phase limit {settings.PhaseLimit.TotalSeconds:0}s");
            await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
            await Database.DefineQueueAsync(db);
            if (settings.Statements)
            {
                await Database.ExecuteAsync(db, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            var results = new List<Measurement>();

            var sql = new OverseerSql(db, settings);
            await new OverseerSql(db, settings with { Items = 2000 }).DrainAsync(4, 1, true, "warm-up");
            var plain = await sql.ClaimLatencyAsync();
            Console.WriteLine($"  claim latency, {settings.Available} available: p50 {plain.P50:0.000} ms, p99 {plain.P99:0.000} ms");
            await Database.ClearAsync(db);
            Console.WriteLine($"  adding {settings.Finished:N0} finished items...");
            await Database.AddFinishedAsync(db, settings.Finished);
            var history = await sql.ClaimLatencyAsync();
            Console.WriteLine($"  claim latency, {settings.Available} available + {settings.Finished:N0} finished: p50 {history.P50:0.000} ms, p99 {history.P99:0.000} ms");
            await Database.ClearAsync(db);
            await Database.VacuumAsync(db);

            // Systems take turns per concurrency, so a change in the shared machine's load hits all of them alike.
            await using (var api = await ApiProcess.StartAsync(pg.ConnectionString, AdminToken))
            {
                var admin = new QueuesClient(Client(api.Address, AdminToken));
                var token = await admin.CreateTokenAsync(Database.Queue, "bench");
                var runtime = new QueueRuntimeClient(Client(api.Address, token.Token), Database.Queue);
                var http = new OverseerHttp(admin, runtime, db, settings);
                await new OverseerHttp(admin, runtime, db, settings with { Items = 2000 }).DrainAsync(4, 1, "warm-up");
                var url = DatabaseUrl(pg.ConnectionString);
                foreach (var c in settings.Concurrencies)
                {
                    results.Add(Show(await sql.SingleEnqueueAsync(c)));
                    results.Add(Show(await sql.BatchEnqueueAsync(c)));
                    results.Add(Show(await sql.DrainAsync(c, 1, ackWithClaim: true, Metrics.OneAtATime)));
                    results.Add(Show(await sql.DrainAsync(c, 1, ackWithClaim: false, Metrics.OneAtATimeSeparateAck)));
                    results.Add(Show(await sql.DrainAsync(c, settings.Batch, ackWithClaim: true, Metrics.Batched)));
                    results.Add(Show(await http.SingleEnqueueAsync(c)));
                    results.Add(Show(await http.BatchEnqueueAsync(c)));
                    results.Add(Show(await http.DrainAsync(c, 1, Metrics.OneAtATime)));
                    results.Add(Show(await http.DrainAsync(c, settings.Batch, Metrics.Batched)));
                    await Database.ClearAsync(db);
                    if (settings.Peers)
                    {
                        results.AddRange(await Peers.RunAsync("graphile.mjs", url, c, settings, peersDir));
                        results.AddRange(await Peers.RunAsync("pgboss.mjs", url, c, settings, peersDir));
                    }
                }
            }
            Report.Print(results, settings, plain, history);
            if (settings.Statements)
            {
                await Database.PrintStatementsAsync(db);
            }
            return 0;
        }
        finally
        {
            await pg.StopAsync();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static Measurement Show(Measurement m)
    {
        Console.WriteLine($"  {m.System,-16} {m.Metric,-44} c={m.Concurrency}: {m.Rate,9:0} items/s" +
            (m.CommitsPerItem is { } commits ? $", {commits:0.00} commits/item" : "") + (m.TimedOut ? " (time limit)" : ""));
        return m;
    }

    private static HttpClient Client(Uri address, string token)
    {
        var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<string> ServerAsync(NpgsqlDataSource db)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("SELECT 'PostgreSQL ' || current_setting('server_version') || ', shared_buffers ' || current_setting('shared_buffers')", connection);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    private static string DatabaseUrl(string connectionString)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{Uri.EscapeDataString(csb.Username!)}:{Uri.EscapeDataString(csb.Password ?? "")}@{csb.Host}:{csb.Port}/{csb.Database}";
    }
}
