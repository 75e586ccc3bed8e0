namespace Overseer.Api.Execution;

/// <summary>
/// What an executor needs to run a task of kind <c>pool</c> (<c>parallelism</c> runtime processes or pods draining a
/// queue): the queues feature implements it. Without one registered, pool tasks fail to start.
/// </summary>
public interface IPoolProvisioner
{
    /// <summary>Prepares one attempt of a pool: issues its credential and answers how to start its processes on <paramref name="host"/>.</summary>
    /// <exception cref="PoolUnavailableException">The pool cannot run (e.g. its queue was deleted).</exception>
    Task<PoolLaunch> PrepareAsync(ClaimedAttempt attempt, PoolHost host, CancellationToken ct);

    /// <summary>The pool's current target parallelism (the spawner raises it with the queue's depth); null when unknown.</summary>
    Task<int?> TargetParallelismAsync(Guid poolTaskId, CancellationToken ct);
}
