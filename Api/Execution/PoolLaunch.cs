namespace Overseer.Api.Execution;

/// <summary>How to start the processes of one pool attempt.</summary>
/// <param name="Parallelism">Processes (or pods) to start now.</param>
/// <param name="Program">Program of each process (local executor; empty for Kubernetes).</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Environment">Variables added to each process's environment (credential, queue, Api address, settings).</param>
/// <param name="StopGrace">After SIGTERM, how long processes get to finish or hand back their items before they are killed.</param>
/// <param name="Container">What each pod runs (Kubernetes executor; null locally).</param>
public sealed record PoolLaunch(
    int Parallelism, string Program, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment, TimeSpan StopGrace,
    PoolContainer? Container = null);
