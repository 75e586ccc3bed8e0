namespace Overseer.Api.Workflows;

/// <summary>Settings of the workflow API (section <c>Workflows</c>).</summary>
public sealed class WorkflowOptions
{
    /// <summary>Largest accepted workflow document, in bytes (a 10,000-job workflow is about 2 MiB of YAML).</summary>
    public int MaxRequestBytes { get; set; } = 8 * 1024 * 1024;
}
