namespace Overseer.Chaos.Workload;

/// <summary>What a submitted task's runner does; each kind has the final states it may legitimately reach.</summary>
public enum TaskKind
{
    /// <summary>Exits 0 at once.</summary>
    Quick,

    /// <summary>Sleeps a little, exits 0.</summary>
    Slow,

    /// <summary>Exits 3 (one retry, then Failed).</summary>
    ExitNonZero,

    /// <summary>Sends itself SIGKILL.</summary>
    SelfKill,

    /// <summary>Sleeps past its 1 s timeout.</summary>
    Hang,

    /// <summary>Fails its first attempt, sleeps in the next (for late and duplicate results).</summary>
    FailThenSlow,

    /// <summary>Posts its result to the sidecar (retrying until the sidecar answers 2xx), then exits 0.</summary>
    Reporting,

    /// <summary>Submitted after a fault to time the recovery.</summary>
    Probe,
}
