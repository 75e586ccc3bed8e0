using System.Text.Json.Nodes;

namespace Overseer.Contracts.Workflows;

/// <summary>Params that merge downward: workflow, then group, then job (the most specific wins).</summary>
public sealed class ParamsDocument
{
    /// <summary>Environment variables: <c>{name, value}</c> or <c>{name, valueFrom}</c>.</summary>
    public List<JsonObject>? Env { get; set; }
    /// <summary>Environment sources (ManagedJob spelling).</summary>
    public List<JsonObject>? FromEnv { get; set; }
    /// <summary>Environment sources (Kubernetes spelling).</summary>
    public List<JsonObject>? EnvFrom { get; set; }
    /// <summary>Pod volumes.</summary>
    public List<JsonObject>? Volumes { get; set; }
    /// <summary>Volume mounts (ManagedJob spelling).</summary>
    public List<JsonObject>? VolumeMount { get; set; }
    /// <summary>Volume mounts (Kubernetes spelling).</summary>
    public List<JsonObject>? VolumeMounts { get; set; }
    /// <summary>Service account of the pod.</summary>
    public string? ServiceAccount { get; set; }
    /// <summary>Restart policy of the pod.</summary>
    public string? RestartPolicy { get; set; }
    /// <summary>Image pull secrets: the CRD's <c>{name: x}</c> objects, or bare names.</summary>
    public List<JsonNode>? ImagePullSecrets { get; set; }
    /// <summary>Image pull policy (a string; the operator's one-item list is accepted too).</summary>
    public JsonNode? ImagePullPolicy { get; set; }
    /// <summary>Labels, merged key by key.</summary>
    public Dictionary<string, string?>? Labels { get; set; }
    /// <summary>Annotations, merged key by key.</summary>
    public Dictionary<string, string?>? Annotations { get; set; }
    /// <summary>CPU and memory of the job's container; the most specific level's whole value wins.</summary>
    public Overseer.Contracts.Tasks.ResourceSpec? Resources { get; set; }
}
