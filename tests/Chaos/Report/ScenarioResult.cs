using Overseer.Chaos.Invariants;

namespace Overseer.Chaos.Report;

/// <summary>One row of the report: what a scenario did and what the checker found.</summary>
public sealed class ScenarioResult(string name, int seed)
{
    /// <summary>Scenario name.</summary>
    public string Name => name;

    /// <summary>Seed it ran with.</summary>
    public int Seed => seed;

    /// <summary>Tasks the Api accepted (probes included).</summary>
    public int Submitted { get; set; }

    /// <summary>Faults injected (kills, crash points hit, restarts, proxy faults, duplicate deliveries...).</summary>
    public int Faults { get; set; }

    /// <summary>Results refused because their attempt was no longer the latest.</summary>
    public int StaleRejected { get; set; }

    /// <summary>Time from each fault to the next probe task finishing.</summary>
    public List<TimeSpan> Recoveries { get; } = [];

    /// <summary>Longest HTTP call the suite made (a hung request shows here).</summary>
    public TimeSpan SlowestCall { get; set; }

    /// <summary>Wall time of the scenario.</summary>
    public TimeSpan Duration { get; set; }

    /// <summary>Scenario-specific violations (besides the checker's).</summary>
    public List<string> Problems { get; } = [];

    /// <summary>The checker's findings.</summary>
    public InvariantReport Invariants { get; set; } = new();

    /// <summary>Every broken promise.</summary>
    public IEnumerable<string> AllViolations => Problems.Concat(Invariants.Violations);

    /// <summary>The <paramref name="p"/>-th percentile (0..1) of the recoveries, or null.</summary>
    public TimeSpan? Percentile(double p)
    {
        if (Recoveries.Count == 0)
        {
            return null;
        }
        var sorted = Recoveries.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
