namespace Overseer.Api.Kubernetes.Models;

/// <summary>batch/v1 Job.</summary>
public sealed class Job : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "batch/v1";
    public string? Kind { get; set; } = "Job";
    public ObjectMeta Metadata { get; set; } = new();
    public JobSpec? Spec { get; set; }
    public JobStatus? Status { get; set; }
}
