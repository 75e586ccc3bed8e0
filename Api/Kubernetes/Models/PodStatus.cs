namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 PodStatus.</summary>
public sealed class PodStatus
{
    /// <summary><c>Pending</c>, <c>Running</c>, <c>Succeeded</c>, <c>Failed</c> or <c>Unknown</c>.</summary>
    public string? Phase { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public string? HostIP { get; set; }
    public string? PodIP { get; set; }
    public DateTimeOffset? StartTime { get; set; }
    public List<PodCondition>? Conditions { get; set; }
    public List<ContainerStatus>? InitContainerStatuses { get; set; }
    public List<ContainerStatus>? ContainerStatuses { get; set; }
}
