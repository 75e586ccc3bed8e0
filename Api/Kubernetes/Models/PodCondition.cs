namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 PodCondition (<c>Ready</c>, <c>DisruptionTarget</c>, ...).</summary>
public sealed class PodCondition
{
    public string Type { get; set; } = "";
    public string Status { get; set; } = "";
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
}
