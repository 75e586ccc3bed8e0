namespace Overseer.Api.Kubernetes.Models;

/// <summary>One pod failure policy rule: an action (<c>FailJob</c>, <c>Ignore</c>, <c>Count</c>, <c>FailIndex</c>) and one matcher.</summary>
public sealed class PodFailurePolicyRule
{
    public string Action { get; set; } = "";
    public PodFailurePolicyOnExitCodesRequirement? OnExitCodes { get; set; }
    public List<PodFailurePolicyOnPodConditionsPattern>? OnPodConditions { get; set; }
}
