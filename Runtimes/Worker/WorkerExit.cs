using Overseer.Contracts.Queues;

namespace Overseer.Worker;

/// <summary>The Worker's exit code (<see cref="WorkerExitCodes"/>), set by the loop before it stops the host.</summary>
internal sealed class WorkerExit
{
    /// <summary>The exit code; <see cref="WorkerExitCodes.Drained"/> unless something went wrong.</summary>
    public int Code { get; set; } = WorkerExitCodes.Drained;
}
