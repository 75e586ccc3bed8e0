namespace Overseer.Contracts.Validation;

/// <summary>
/// Bounds of an attempt's timeout: at most <see cref="MaxSeconds"/> anywhere, and at most the deployment's maximum
/// (<c>Tasks:MaxTimeoutSeconds</c>, publish value <c>task.maxTimeoutSeconds</c>), checked where the deployment is known.
/// </summary>
public static class TimeoutRules
{
    /// <summary>Largest timeout of a task, workflow job or queue pool: 7 days.</summary>
    public const int MaxSeconds = 7 * 24 * 3600;

    /// <summary>Default of the deployment's maximum: one day.</summary>
    public const int DefaultDeploymentMaxSeconds = 24 * 3600;

    /// <summary>The problem with <paramref name="seconds"/> against the deployment's maximum, or null.</summary>
    public static string? CheckDeploymentMax(int? seconds, int deploymentMax) => seconds > deploymentMax
        ? $"must be at most {deploymentMax} seconds on this deployment (got {seconds}; its maximum is Tasks:MaxTimeoutSeconds, publish value task.maxTimeoutSeconds)"
        : null;
}
