namespace Overseer.Api.Kubernetes.Models;

/// <summary>metav1.DeleteOptions.</summary>
public sealed class DeleteOptions
{
    public string? ApiVersion { get; set; } = "v1";
    public string? Kind { get; set; } = "DeleteOptions";
    /// <summary>See <see cref="Models.PropagationPolicy"/>.</summary>
    public string? PropagationPolicy { get; set; }
    public long? GracePeriodSeconds { get; set; }
}
