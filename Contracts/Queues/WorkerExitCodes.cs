namespace Overseer.Contracts.Queues;

/// <summary>
/// Exit codes of Overseer's Worker. The spawner treats <see cref="Misconfigured"/>, <see cref="CommandNotStartable"/>
/// and <see cref="CredentialRefused"/> as errors (the pool could not run at all: <c>waitTimeAfterError</c>); any other
/// non-zero exit is a failed run (<c>waitTimeAfterFailedRun</c>).
/// </summary>
public static class WorkerExitCodes
{
    /// <summary>The queue was drained (idle timeout) or a SIGTERM was handled.</summary>
    public const int Drained = 0;

    /// <summary>Unexpected failure (e.g. the Api stayed unreachable).</summary>
    public const int Failed = 1;

    /// <summary>Its environment or arguments are wrong (missing URL, queue, token or command).</summary>
    public const int Misconfigured = 2;

    /// <summary>The item command could not be started (not found, not executable).</summary>
    public const int CommandNotStartable = 3;

    /// <summary>The Api refused its runtime credential (revoked, or the pool is over).</summary>
    public const int CredentialRefused = 4;

    /// <summary>True when <paramref name="exitCode"/> means the pool could not run at all.</summary>
    public static bool IsError(int exitCode) => exitCode is Misconfigured or CommandNotStartable or CredentialRefused;

    /// <summary>What an exit code means, for messages.</summary>
    public static string Describe(int exitCode) => exitCode switch
    {
        Drained => "drained",
        Failed => "the worker failed",
        Misconfigured => "the worker is misconfigured",
        CommandNotStartable => "the item command could not be started",
        CredentialRefused => "the runtime credential was refused",
        _ => $"exit code {exitCode}",
    };
}
