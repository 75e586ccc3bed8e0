namespace Overseer.Contracts.Workflows;

/// <summary>A workflow run (or, for <c>?dryRun=true</c>, its plan: no id, every node Pending).</summary>
/// <param name="Id">Run id; null for a dry run.</param>
/// <param name="Name">Workflow name.</param>
/// <param name="Kind"><c>ManagedJob</c> or <c>Workflow</c>.</param>
/// <param name="State">Run state.</param>
/// <param name="FailFast">Whether a failure cancels the rest.</param>
/// <param name="CreatedAt">Submission time.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="RetryOf">The run this one re-runs the failed part of.</param>
/// <param name="Groups">Groups in order.</param>
public sealed record WorkflowDto(
    Guid? Id,
    string Name,
    string Kind,
    WorkflowState State,
    bool FailFast,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? FinishedAt,
    Guid? RetryOf,
    IReadOnlyList<WorkflowGroupDto> Groups);
