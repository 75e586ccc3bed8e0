namespace Overseer.Api.Kubernetes.Models;

/// <summary>metav1.LabelSelector as it appears inside objects (a Job's <c>spec.selector</c>).</summary>
public sealed class LabelSelector
{
    public Dictionary<string, string>? MatchLabels { get; set; }
    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }
}
