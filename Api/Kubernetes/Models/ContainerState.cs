namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 ContainerState: exactly one of waiting, running, terminated is set.</summary>
public sealed class ContainerState
{
    public ContainerStateWaiting? Waiting { get; set; }
    public ContainerStateRunning? Running { get; set; }
    public ContainerStateTerminated? Terminated { get; set; }
}
