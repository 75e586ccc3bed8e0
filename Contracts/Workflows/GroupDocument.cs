namespace Overseer.Contracts.Workflows;

/// <summary>A group of jobs.</summary>
public sealed class GroupDocument
{
    /// <summary>Group name (DNS-1123 label, unique in the workflow).</summary>
    public string? Name { get; set; }
    /// <summary>False (default): the group waits for every earlier group. True: no dependency from order.</summary>
    public bool? Parallel { get; set; }
    /// <summary>Workflow form only: names of groups this one waits for, besides those implied by order.</summary>
    public List<string>? DependsOn { get; set; }
    /// <summary>ManagedJob spelling of <see cref="DependsOn"/>: groups this one waits for (accepted in both kinds).</summary>
    public List<DependencyDocument>? Dependencies { get; set; }
    /// <summary>Ignored: the group's state, written by the operator in exported ManagedJobs.</summary>
    public System.Text.Json.Nodes.JsonNode? Status { get; set; }
    /// <summary>Params merged down into the group's jobs.</summary>
    public ParamsDocument? Params { get; set; }
    /// <summary>Jobs, in order.</summary>
    public List<JobDocument>? Jobs { get; set; }
}
