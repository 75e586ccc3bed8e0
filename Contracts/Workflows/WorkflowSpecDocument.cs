namespace Overseer.Contracts.Workflows;

/// <summary>The <c>spec</c> of a workflow document.</summary>
public sealed class WorkflowSpecDocument
{
    /// <summary>Default retries of every job (0 means none).</summary>
    public int? Retries { get; set; }
    /// <summary>Workflow form only: when a job fails for good, cancel everything still running.</summary>
    public bool? FailFast { get; set; }
    /// <summary>Params merged down into every group and job.</summary>
    public ParamsDocument? Params { get; set; }
    /// <summary>Groups, in order.</summary>
    public List<GroupDocument>? Groups { get; set; }
}
