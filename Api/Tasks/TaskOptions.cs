namespace Overseer.Api.Tasks;

/// <summary>Settings of the task API and the retry policy (section <c>Tasks</c>).</summary>
public sealed class TaskOptions
{
    /// <summary>Largest accepted request body, in bytes.</summary>
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Timeout of tasks (and workflow jobs) that give none, 1..900 seconds; publish sets it from <c>global.checkTimeout</c>.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 900)]
    public int DefaultTimeoutSeconds { get; set; } = Contracts.Tasks.TaskSpec.DefaultTimeoutSeconds;

    /// <summary>
    /// Largest timeout this deployment accepts, 1..604800 seconds (default 86400), for tasks, workflow jobs and queue
    /// pools; ManagedJob jobs, whose CRD has no timeout, get it as theirs. Publish sets it from <c>task.maxTimeoutSeconds</c>.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, Contracts.Validation.TimeoutRules.MaxSeconds)]
    public int MaxTimeoutSeconds { get; set; } = Contracts.Validation.TimeoutRules.DefaultDeploymentMaxSeconds;

    /// <summary>How many times a task whose attempt the infrastructure lost is retried, apart from its own <c>retries</c>.</summary>
    public int InfrastructureRetries { get; set; } = 3;
}
