using Overseer.Contracts.Tasks;

namespace Overseer.Api.StateMachine;

/// <summary>The columns of a task row, read under <c>FOR UPDATE</c>, that decide where an ended attempt leads.</summary>
public sealed record LockedTask(
    Guid Id,
    TaskState State,
    int Attempt,
    int Retries,
    int AppFailures,
    int InfraFailures,
    BackoffSpec Backoff,
    bool CancelRequested,
    Guid? WorkflowId = null);
