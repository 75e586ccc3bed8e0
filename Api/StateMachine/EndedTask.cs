using Overseer.Contracts.Tasks;

namespace Overseer.Api.StateMachine;

/// <summary>A task of a workflow that just reached a terminal state.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="WorkflowId">Its workflow run.</param>
/// <param name="State">Its terminal state.</param>
public sealed record EndedTask(Guid TaskId, Guid WorkflowId, TaskState State);
