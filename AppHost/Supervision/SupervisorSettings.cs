namespace Overseer.AppHost.Supervision;

/// <summary>Where the supervisor records pids, and how long each stop step may take.</summary>
public sealed record SupervisorSettings
{
    /// <summary>File that gets one <c>name pid</c> line per process started (scripts and tests read it).</summary>
    public required string PidsFile { get; init; }

    /// <summary>First restart delay; it doubles per crash in a row up to <see cref="MaxRestartDelay"/>.</summary>
    public TimeSpan FirstRestartDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest restart delay.</summary>
    public TimeSpan MaxRestartDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A service that ran this long before it crashed starts again at the first delay.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the Api gets to stop (it records what becomes of running local attempts).</summary>
    public TimeSpan ApiStop { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>How long each other service, and then PostgreSQL, gets.</summary>
    public TimeSpan OtherStop { get; init; } = TimeSpan.FromSeconds(2);
}
