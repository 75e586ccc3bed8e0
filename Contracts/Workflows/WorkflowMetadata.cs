namespace Overseer.Contracts.Workflows;

/// <summary>Kubernetes-style metadata of a workflow document. Only <see cref="Name"/> matters; the rest is accepted and kept.</summary>
public sealed class WorkflowMetadata
{
    /// <summary>Workflow name (DNS-1123 label).</summary>
    public string? Name { get; set; }
    /// <summary>Namespace (ignored).</summary>
    public string? Namespace { get; set; }
    /// <summary>Labels of the document (ignored; use <c>spec.params.labels</c> for tasks).</summary>
    public Dictionary<string, string?>? Labels { get; set; }
    /// <summary>Annotations of the document (ignored).</summary>
    public Dictionary<string, string?>? Annotations { get; set; }
    /// <summary>Other metadata written by a cluster (uid, resourceVersion...), accepted and ignored.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? Other { get; set; }
}
