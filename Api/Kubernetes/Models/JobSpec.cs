namespace Overseer.Api.Kubernetes.Models;

/// <summary>batch/v1 JobSpec.</summary>
public sealed class JobSpec
{
    public int? Parallelism { get; set; }
    public int? Completions { get; set; }
    public int? BackoffLimit { get; set; }
    public long? ActiveDeadlineSeconds { get; set; }
    public int? TtlSecondsAfterFinished { get; set; }
    public string? CompletionMode { get; set; }
    public bool? Suspend { get; set; }
    public string? PodReplacementPolicy { get; set; }
    public PodFailurePolicy? PodFailurePolicy { get; set; }
    public LabelSelector? Selector { get; set; }
    public bool? ManualSelector { get; set; }
    public PodTemplateSpec Template { get; set; } = new();
}
