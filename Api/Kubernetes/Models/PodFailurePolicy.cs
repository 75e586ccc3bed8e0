namespace Overseer.Api.Kubernetes.Models;

/// <summary>batch/v1 PodFailurePolicy: rules evaluated in order against each failed pod.</summary>
public sealed class PodFailurePolicy
{
    public List<PodFailurePolicyRule> Rules { get; set; } = [];
}
