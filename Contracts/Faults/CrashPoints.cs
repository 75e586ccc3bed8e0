using System.Collections.Frozen;
using System.Globalization;

namespace Overseer.Contracts.Faults;

/// <summary>
/// Named places where the process may die on purpose, in the Api and the Sidecar, for the reliability suite (docs/reliability.md). Set once at start
/// from <c>OVERSEER_CRASHPOINTS=name:probability,...</c> and <c>OVERSEER_CRASHPOINTS_SEED</c>; inert when unset, so the
/// points cost one dictionary lookup on an empty set.
/// </summary>
public static class CrashPoints
{
    /// <summary>Name of the variable listing the points and their probabilities.</summary>
    public const string Variable = "OVERSEER_CRASHPOINTS";

    /// <summary>Name of the variable seeding the random draws, so a run can be repeated.</summary>
    public const string SeedVariable = "OVERSEER_CRASHPOINTS_SEED";

    /// <summary>After the dispatcher's claim committed, before the claimed attempts are started.</summary>
    public const string AfterClaimCommit = "after-claim-commit";

    /// <summary>After the executor created the attempt's process or Job, before anything about it is written.</summary>
    public const string AfterJobCreate = "after-job-create";

    /// <summary>Before an attempt's outcome (or a signed result) is committed.</summary>
    public const string BeforeResultCommit = "before-result-commit";

    /// <summary>After an attempt's outcome (or a signed result) was committed, before anyone is told.</summary>
    public const string AfterResultCommit = "after-result-commit";

    /// <summary>Sidecar: a runner's result was accepted (spooled, and the runner answered 202), before it is relayed to the Api.</summary>
    public const string SidecarBeforeRelay = "sidecar-before-relay";

    /// <summary>Sidecar: the Api acknowledged a result, before the sidecar forgot it (its spool entry deleted).</summary>
    public const string SidecarAfterRelay = "sidecar-after-relay";

    private static readonly FrozenDictionary<string, double> Points = Parse(Environment.GetEnvironmentVariable(Variable));
    private static readonly Random Draws = new(int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), CultureInfo.InvariantCulture, out var seed)
        ? seed : Environment.ProcessId);
    private static readonly Lock Gate = new();

    /// <summary>True when any point is armed.</summary>
    public static bool Armed => Points.Count > 0;

    /// <summary>Dies (<see cref="Environment.FailFast(string)"/>) with the probability set for <paramref name="name"/>.</summary>
    public static void Hit(string name)
    {
        if (Points.Count == 0 || !Points.TryGetValue(name, out var probability))
        {
            return;
        }
        double draw;
        lock (Gate)
        {
            draw = Draws.NextDouble();
        }
        if (draw < probability)
        {
            Environment.FailFast($"crash point '{name}' hit");
        }
    }

    /// <summary>Parses <c>name:probability,...</c>; a bare name means probability 1. Throws on a malformed entry.</summary>
    public static FrozenDictionary<string, double> Parse(string? text)
    {
        var points = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var entry in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? entry : entry[..colon].Trim();
            var probability = 1.0;
            if (name.Length == 0 || colon >= 0 && (!double.TryParse(entry[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out probability)
                || probability is < 0 or > 1 || double.IsNaN(probability)))
            {
                throw new InvalidOperationException($"{Variable}: '{entry}' is not name:probability with a probability between 0 and 1.");
            }
            points[name] = probability;
        }
        return points.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
