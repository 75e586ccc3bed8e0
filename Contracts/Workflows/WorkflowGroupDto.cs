namespace Overseer.Contracts.Workflows;

/// <summary>One group of a workflow run or plan.</summary>
/// <param name="Name">Group name.</param>
/// <param name="DependsOn">Groups it waits for (from order and explicit).</param>
/// <param name="State">Derived from its jobs.</param>
/// <param name="Jobs">Its jobs, in order.</param>
public sealed record WorkflowGroupDto(string Name, IReadOnlyList<string> DependsOn, WorkflowState State, IReadOnlyList<WorkflowJobDto> Jobs);
