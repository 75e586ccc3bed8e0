namespace Overseer.Api.Execution;

/// <summary>How to start the processes of one pool attempt.</summary>
/// <param name="Parallelism">Processes to start now.</param>
/// <param name="Program">Program of each process (local executor).</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Environment">Variables added to each process's environment (credential, queue, Api address, settings).</param>
/// <param name="StopGrace">After SIGTERM, how long processes get to finish or hand back their items before they are killed.</param>
public sealed record PoolLaunch(
    int Parallelism, string Program, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment, TimeSpan StopGrace);
