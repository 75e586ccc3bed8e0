namespace Overseer.Contracts.Workflows;

/// <summary>One row of <c>GET /api/v1/workflows</c>.</summary>
/// <param name="Id">Run id.</param>
/// <param name="Name">Workflow name.</param>
/// <param name="State">Run state.</param>
/// <param name="Jobs">Number of jobs.</param>
/// <param name="CreatedAt">Submission time.</param>
/// <param name="FinishedAt">When it ended.</param>
public sealed record WorkflowSummaryDto(Guid Id, string Name, WorkflowState State, int Jobs, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);
