namespace Overseer.Api.Kubernetes.Models;

/// <summary>batch/v1 JobList.</summary>
public sealed class JobList : IKubernetesList<Job>
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<Job> Items { get; set; } = [];
}
