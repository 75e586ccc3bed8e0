namespace Overseer.Api.Kubernetes.Models;

/// <summary>batch/v1 JobCondition (<c>Complete</c>, <c>Failed</c>, <c>FailureTarget</c>, <c>SuccessCriteriaMet</c>, <c>Suspended</c>).</summary>
public sealed class JobCondition
{
    public string Type { get; set; } = "";
    public string Status { get; set; } = "";
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset? LastProbeTime { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
}
