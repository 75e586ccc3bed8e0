namespace Overseer.Contracts.Workflows;

/// <summary>States of a workflow run (and, derived from their jobs, of its groups).</summary>
public enum WorkflowState
{
    /// <summary>Nothing has started yet (also every node of a dry-run plan).</summary>
    Pending,
    /// <summary>Something runs or can still run.</summary>
    Running,
    /// <summary>Every job succeeded.</summary>
    Succeeded,
    /// <summary>Nothing more can run, and a job failed.</summary>
    Failed,
    /// <summary>Cancelled by a user.</summary>
    Cancelled,
    /// <summary>Groups only: every job was skipped.</summary>
    Skipped,
}
