namespace Overseer.Api.StateMachine;

/// <summary>
/// Something that happened to a live attempt: it started, it ended, and/or it wrote output. Durations are
/// measured on a monotonic clock and turned into timestamps by the database clock, so clocks never mix.
/// </summary>
public sealed record AttemptChange(AttemptKey Key)
{
    /// <summary>Set when the process started: how long ago, in milliseconds.</summary>
    public double? StartedAgoMs { get; init; }

    /// <summary>Process id, when known.</summary>
    public int? Pid { get; init; }

    /// <summary>Set when the attempt ended.</summary>
    public AttemptOutcome? Outcome { get; init; }

    /// <summary>How long ago it ended, in milliseconds.</summary>
    public double FinishedAgoMs { get; init; }

    /// <summary>Why it does not run yet (empty clears it); null leaves it as it was.</summary>
    public string? WaitingReason { get; init; }

    /// <summary>New output, if any.</summary>
    public LogUpdate? Logs { get; init; }
}
