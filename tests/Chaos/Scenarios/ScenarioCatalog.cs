namespace Overseer.Chaos.Scenarios;

/// <summary>Every scenario, in the order the report lists them.</summary>
public static class ScenarioCatalog
{
    /// <summary>All scenarios.</summary>
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new ApiCrashScenario(),
        new PostgresRestartScenario(),
        new ProxyFaultScenario(),
        new RunnerFailureScenario(),
        new SidecarCrashScenario(),
        new DuplicateResultScenario(),
        new ClockSkewScenario(),
        new LeaderFailoverScenario(),
        new KubeSimScenario(),
    ];

    /// <summary>The scenario named <paramref name="name"/>.</summary>
    public static Scenario Named(string name) => All.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"No scenario '{name}'; known: {string.Join(", ", All.Select(s => s.Name))}.", nameof(name));
}
