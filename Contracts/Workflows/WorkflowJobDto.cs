using Overseer.Contracts.Tasks;

namespace Overseer.Contracts.Workflows;

/// <summary>One job of a workflow run or plan.</summary>
/// <param name="Name">Job name, as written.</param>
/// <param name="DependsOn">Jobs it waits for, as <c>group/job</c> (from order and explicit).</param>
/// <param name="State">Its task's state (Pending in a plan).</param>
/// <param name="TaskId">Its task; null in a plan.</param>
/// <param name="Image">Image.</param>
/// <param name="Command">Compiled command line.</param>
/// <param name="Retries">Retries of its task.</param>
/// <param name="TimeoutSeconds">Timeout of each attempt.</param>
/// <param name="Params">Compiled params with their sources.</param>
/// <param name="RunsAs">The task's name, a DNS-1123 label derived from the workflow, group and job names; null in runs stored before it was recorded.</param>
/// <param name="Notes">One note per name that runs under another one (<c>job name 'Extract' runs as 'extract'</c>); null when there is none.</param>
public sealed record WorkflowJobDto(
    string Name,
    IReadOnlyList<string> DependsOn,
    TaskState State,
    Guid? TaskId,
    string? Image,
    IReadOnlyList<string> Command,
    int Retries,
    int TimeoutSeconds,
    CompiledParamsDto Params,
    string? RunsAs = null,
    IReadOnlyList<string>? Notes = null);
