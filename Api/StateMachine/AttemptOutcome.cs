using Overseer.Contracts.Tasks;

namespace Overseer.Api.StateMachine;

/// <summary>How one attempt ended, as its executor (or the reaper) saw it.</summary>
/// <param name="State">One of the terminal attempt states.</param>
/// <param name="ExitCode">Exit code, when the process exited.</param>
/// <param name="FailureType">Why it did not succeed; null for Succeeded and Cancelled.</param>
/// <param name="Reason">Human-readable outcome.</param>
public sealed record AttemptOutcome(AttemptState State, int? ExitCode, FailureType? FailureType, string Reason)
{
    /// <summary>The process exited; 0 is success.</summary>
    public static AttemptOutcome Exited(int exitCode) => exitCode == 0
        ? new(AttemptState.Succeeded, 0, null, "exited 0")
        : new(AttemptState.Failed, exitCode, Contracts.Tasks.FailureType.Application, $"exited {exitCode}");

    /// <summary>Killed at its timeout.</summary>
    public static AttemptOutcome TimedOut(int timeoutSeconds, int? exitCode) =>
        new(AttemptState.TimedOut, exitCode, Contracts.Tasks.FailureType.Timeout, $"timed out after {timeoutSeconds}s");

    /// <summary>Stopped because a cancel was requested.</summary>
    public static AttemptOutcome Cancelled(int? exitCode) => new(AttemptState.Cancelled, exitCode, null, "cancelled");

    /// <summary>The command could not be started at all.</summary>
    public static AttemptOutcome StartFailed(string reason) => new(AttemptState.Failed, null, Contracts.Tasks.FailureType.Application, reason);

    /// <summary>The infrastructure lost the attempt.</summary>
    public static AttemptOutcome Lost(string reason) => new(AttemptState.Lost, null, Contracts.Tasks.FailureType.Infrastructure, reason);
}
