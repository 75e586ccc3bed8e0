using System.Globalization;
using System.Text;

namespace Overseer.Chaos.Report;

/// <summary>Formats results as the report's Markdown table, one row per scenario.</summary>
public static class ReportTable
{
    /// <summary>The table, then every violation.</summary>
    public static string Format(IEnumerable<ScenarioResult> results)
    {
        var rows = results.ToList();
        var text = new StringBuilder();
        text.AppendLine("| scenario | seed | tasks submitted | faults injected | tasks lost | duplicate results | duplicate executions | stale results rejected | wrongly marked lost | recovery p50 | recovery p95 | slowest HTTP call | final states | time |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var states = string.Join(" ", r.Invariants.FinalStates.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"));
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Seed} | {r.Submitted} | {r.Faults} | {r.Invariants.Lost} | {r.Invariants.DuplicateResults} | {r.Invariants.DuplicateExecutions} | {r.StaleRejected} | {r.Invariants.WronglyMarkedLost} | {Seconds(r.Percentile(0.5))} | {Seconds(r.Percentile(0.95))} | {Seconds(r.SlowestCall)} | {states} | {Seconds(r.Duration)} |");
        }
        foreach (var r in rows)
        {
            foreach (var violation in r.AllViolations)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {r.Name}: {violation}");
            }
        }
        return text.ToString();
    }

    private static string Seconds(TimeSpan? span) => span is { } s ? s.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "-";
}
