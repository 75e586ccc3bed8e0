using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Overseer.Bench.Queue;

/// <summary>Runs the peer benchmarks (bench/queue/node/*.mjs) against the same database and reads their JSON result lines.</summary>
internal static class Peers
{
    public static async Task<List<Measurement>> RunAsync(string script, string databaseUrl, int concurrency, BenchSettings settings, string dir)
    {
        var info = new ProcessStartInfo("node", [script])
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["DATABASE_URL"] = databaseUrl,
                ["N"] = settings.Items.ToString(CultureInfo.InvariantCulture),
                ["C"] = concurrency.ToString(CultureInfo.InvariantCulture),
                ["BATCH"] = settings.Batch.ToString(CultureInfo.InvariantCulture),
                ["CHUNK"] = settings.Chunk.ToString(CultureInfo.InvariantCulture),
                ["PHASE_TIMEOUT_MS"] = ((int)settings.PhaseLimit.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            },
        };
        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        var results = new List<Measurement>();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith('{'))
            {
                continue;
            }
            var json = JsonDocument.Parse(line).RootElement;
            var measurement = new Measurement(json.GetProperty("system").GetString()!, json.GetProperty("metric").GetString()!,
                json.GetProperty("concurrency").GetInt32(), json.GetProperty("items").GetInt64(), json.GetProperty("seconds").GetDouble(),
                json.TryGetProperty("timedOut", out var t) && t.GetBoolean(),
                json.TryGetProperty("commitsPerItem", out var c) ? c.GetDouble() : null);
            Console.WriteLine($"  {measurement.System,-16} {measurement.Metric,-44} c={concurrency}: {measurement.Rate,9:0} items/s{(measurement.TimedOut ? " (time limit)" : "")}");
            results.Add(measurement);
        }
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"  {script} exited {process.ExitCode}: {await errors}");
        }
        return results;
    }
}
