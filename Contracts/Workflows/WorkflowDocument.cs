namespace Overseer.Contracts.Workflows;

/// <summary>
/// A workflow as submitted: either jobs-manager-operator's <c>ManagedJob</c> (apiVersion
/// <c>jobsmanager.raczylo.com/v1beta1</c>) or Overseer's <c>Workflow</c> (apiVersion <c>overseer.dev/v1</c>), which adds
/// explicit <c>dependsOn</c>, <c>failFast</c> and per-job <c>retries</c>, <c>timeoutSeconds</c> and <c>command</c>.
/// </summary>
public sealed class WorkflowDocument
{
    /// <summary>API version of the document.</summary>
    public string? ApiVersion { get; set; }
    /// <summary><c>ManagedJob</c> or <c>Workflow</c>.</summary>
    public string? Kind { get; set; }
    /// <summary>Name and labels.</summary>
    public WorkflowMetadata? Metadata { get; set; }
    /// <summary>The workflow itself.</summary>
    public WorkflowSpecDocument? Spec { get; set; }
    /// <summary>Ignored: status written by the operator, present in exported ManagedJobs.</summary>
    public System.Text.Json.Nodes.JsonNode? Status { get; set; }
}
