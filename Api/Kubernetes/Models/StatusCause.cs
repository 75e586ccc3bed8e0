namespace Overseer.Api.Kubernetes.Models;

/// <summary>metav1.StatusCause: one reason a request was invalid (field path, reason, message).</summary>
public sealed class StatusCause
{
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public string? Field { get; set; }
}
