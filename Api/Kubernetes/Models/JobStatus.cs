namespace Overseer.Api.Kubernetes.Models;

/// <summary>batch/v1 JobStatus.</summary>
public sealed class JobStatus
{
    public List<JobCondition>? Conditions { get; set; }
    public DateTimeOffset? StartTime { get; set; }
    public DateTimeOffset? CompletionTime { get; set; }
    public int? Active { get; set; }
    public int? Succeeded { get; set; }
    public int? Failed { get; set; }
    public int? Terminating { get; set; }
    public int? Ready { get; set; }
}
