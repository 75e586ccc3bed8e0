namespace Overseer.Contracts.Workflows;

/// <summary>One job: becomes one AgentTask.</summary>
public sealed class JobDocument
{
    /// <summary>Job name (DNS-1123 label, unique in its group).</summary>
    public string? Name { get; set; }
    /// <summary>Container image (recorded and ignored by the local executor).</summary>
    public string? Image { get; set; }
    /// <summary>Workflow form only: the program and its leading arguments.</summary>
    public List<string>? Command { get; set; }
    /// <summary>Arguments; without a command, the whole command line.</summary>
    public List<string>? Args { get; set; }
    /// <summary>False (default): the job waits for every earlier job of its group. True: no dependency from order.</summary>
    public bool? Parallel { get; set; }
    /// <summary>Workflow form only: <c>group/job</c> names this job waits for, besides those implied by order.</summary>
    public List<string>? DependsOn { get; set; }
    /// <summary>ManagedJob spelling of <see cref="DependsOn"/>: jobs or groups this job waits for (accepted in both kinds).</summary>
    public List<DependencyDocument>? Dependencies { get; set; }
    /// <summary>Workflow form only: retries of this job (overrides the workflow's).</summary>
    public int? Retries { get; set; }
    /// <summary>Workflow form only: timeout of each attempt, 1..604800 seconds and at most the deployment's maximum.</summary>
    public int? TimeoutSeconds { get; set; }
    /// <summary>Params of this job (the most specific level).</summary>
    public ParamsDocument? Params { get; set; }
    /// <summary>Ignored: written by the operator in exported ManagedJobs.</summary>
    public System.Text.Json.Nodes.JsonNode? CompiledParams { get; set; }
    /// <summary>Ignored: written by the operator in exported ManagedJobs.</summary>
    public System.Text.Json.Nodes.JsonNode? Status { get; set; }
}
