using Overseer.Api.StateMachine;

namespace Overseer.Api.Execution;

/// <summary>
/// Takes over live attempts whose owner stopped heartbeating but whose work may still run elsewhere (a Kubernetes Job
/// outlives the Api that created it). The reaper asks before it marks such attempts Lost.
/// </summary>
public interface IAttemptAdopter
{
    /// <summary>The executor whose attempts it can adopt (<c>attempts.executor</c>).</summary>
    string Executor { get; }

    /// <summary>
    /// Adopts what it can of <paramref name="expired"/> and answers the attempts it adopted (or will report on), and
    /// those it cannot judge yet (e.g. its watch has not synced); the reaper ends only the rest as Lost.
    /// </summary>
    Task<(IReadOnlySet<AttemptKey> Adopted, IReadOnlySet<AttemptKey> Undecided)> AdoptAsync(IReadOnlyList<AttemptKey> expired, CancellationToken ct);
}
