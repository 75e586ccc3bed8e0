namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 ResourceRequirements; quantities stay strings (<c>500m</c>, <c>1Gi</c>).</summary>
public sealed class ResourceRequirements
{
    public Dictionary<string, string>? Limits { get; set; }
    public Dictionary<string, string>? Requests { get; set; }
}
