namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 ContainerStateTerminated (exit code and reason, e.g. <c>Completed</c>, <c>Error</c>, <c>OOMKilled</c>).</summary>
public sealed class ContainerStateTerminated
{
    public int ExitCode { get; set; }
    public int? Signal { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
