namespace Overseer.Api.Execution.Kubernetes;

/// <summary>Labels Overseer puts on its Jobs and pods; the executor's watch selects on <see cref="Selector"/>.</summary>
public static class JobLabels
{
    /// <summary>Every Overseer object.</summary>
    public const string Name = "app.kubernetes.io/name";

    /// <summary><c>task</c> or <c>runtime</c> (NetworkPolicies select on it).</summary>
    public const string Component = "app.kubernetes.io/component";

    /// <summary>Who manages the object.</summary>
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    /// <summary>The task id.</summary>
    public const string TaskId = "overseer.dev/task-id";

    /// <summary>The attempt number.</summary>
    public const string Attempt = "overseer.dev/attempt";

    /// <summary>Label selector of everything the executor watches.</summary>
    public const string Selector = ManagedBy + "=overseer";
}
