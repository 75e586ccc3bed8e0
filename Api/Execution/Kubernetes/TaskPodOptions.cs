namespace Overseer.Api.Execution.Kubernetes;

/// <summary>Pod-level settings of job pods, each a JSON document (keys such as <c>kubernetes.io/arch</c> cannot be configuration keys).</summary>
public sealed class TaskPodOptions
{
    /// <summary>JSON object: annotations of job pods.</summary>
    public string? Annotations { get; set; }

    /// <summary>JSON object: node selector of job pods.</summary>
    public string? NodeSelector { get; set; }

    /// <summary>JSON array: tolerations of job pods.</summary>
    public string? Tolerations { get; set; }

    /// <summary>JSON object: Kubernetes Affinity of job pods.</summary>
    public string? Affinity { get; set; }
}
