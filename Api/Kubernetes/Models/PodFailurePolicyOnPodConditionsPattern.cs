namespace Overseer.Api.Kubernetes.Models;

/// <summary>Matches a pod condition, e.g. <c>DisruptionTarget</c> = <c>True</c>.</summary>
public sealed class PodFailurePolicyOnPodConditionsPattern
{
    public string Type { get; set; } = "";
    public string? Status { get; set; }
}
