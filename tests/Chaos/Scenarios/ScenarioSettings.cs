namespace Overseer.Chaos.Scenarios;

/// <summary>Size and seed of one scenario run.</summary>
/// <param name="Tasks">Tasks in the burst.</param>
/// <param name="Faults">Faults to inject.</param>
/// <param name="Seed">Seed of every random choice (task mix, fault kinds and timing, crash points).</param>
/// <param name="Log">Progress lines.</param>
public sealed record ScenarioSettings(int Tasks, int Faults, int Seed, Action<string> Log)
{
    /// <summary>How long the system gets to finish every task after the faults stop.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(180);
}
