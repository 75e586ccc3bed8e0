namespace Overseer.Api.Kubernetes.Models;

/// <summary>Matches container exit codes (<c>In</c> / <c>NotIn</c>).</summary>
public sealed class PodFailurePolicyOnExitCodesRequirement
{
    public string? ContainerName { get; set; }
    public string Operator { get; set; } = "";
    public List<int> Values { get; set; } = [];
}
