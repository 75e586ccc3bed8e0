namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 PodSpec (the fields Overseer sets or reads).</summary>
public sealed class PodSpec
{
    public List<Container>? InitContainers { get; set; }
    public List<Container> Containers { get; set; } = [];
    public string? RestartPolicy { get; set; }
    public long? TerminationGracePeriodSeconds { get; set; }
    public long? ActiveDeadlineSeconds { get; set; }
    public string? ServiceAccountName { get; set; }
    public bool? AutomountServiceAccountToken { get; set; }
    public string? NodeName { get; set; }
    public Dictionary<string, string>? NodeSelector { get; set; }
    public PodSecurityContext? SecurityContext { get; set; }
    public List<Volume>? Volumes { get; set; }
    public List<Toleration>? Tolerations { get; set; }

    /// <summary>Secrets used to pull images.</summary>
    public List<LocalObjectReference>? ImagePullSecrets { get; set; }

    /// <summary>Scheduling affinity, passed through as given in configuration.</summary>
    public System.Text.Json.Nodes.JsonObject? Affinity { get; set; }
    public string? PriorityClassName { get; set; }
}
