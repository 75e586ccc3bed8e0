namespace Overseer.Contracts.Workflows;

/// <summary>
/// A ManagedJob <c>dependencies</c> entry: a job or group this one waits for. <see cref="Status"/> is the state the
/// operator last saw for it (pending, running, succeeded, failed, aborted), not a condition: whatever it says, the
/// dependent runs once the dependency has succeeded, as the operator's <c>runPendingJobs</c> does.
/// </summary>
public sealed class DependencyDocument
{
    /// <summary>On a job: a job of the same group, the generated name <c>workflow-group-job</c> of any job, or a group. On a group: a group.</summary>
    public string? Name { get; set; }
    /// <summary>The dependency's observed state; accepted for the CRD's values and otherwise ignored.</summary>
    public string? Status { get; set; }
}
