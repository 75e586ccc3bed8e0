namespace Overseer.Api.Kubernetes.Models;

/// <summary>metav1.LabelSelectorRequirement (<c>In</c>, <c>NotIn</c>, <c>Exists</c>, <c>DoesNotExist</c>).</summary>
public sealed class LabelSelectorRequirement
{
    public string Key { get; set; } = "";
    public string Operator { get; set; } = "";
    public List<string>? Values { get; set; }
}
