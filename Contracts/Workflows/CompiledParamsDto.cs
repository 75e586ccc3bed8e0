namespace Overseer.Contracts.Workflows;

/// <summary>A job's params after merging workflow, group and job, each value with its source.</summary>
public sealed record CompiledParamsDto
{
    /// <summary>Environment variables (value, or valueFrom object).</summary>
    public IReadOnlyList<SourcedValue> Env { get; init; } = [];
    /// <summary>Environment sources.</summary>
    public IReadOnlyList<SourcedValue> EnvFrom { get; init; } = [];
    /// <summary>Volumes.</summary>
    public IReadOnlyList<SourcedValue> Volumes { get; init; } = [];
    /// <summary>Volume mounts.</summary>
    public IReadOnlyList<SourcedValue> VolumeMounts { get; init; } = [];
    /// <summary>Image pull secrets.</summary>
    public IReadOnlyList<SourcedValue> ImagePullSecrets { get; init; } = [];
    /// <summary>Labels.</summary>
    public IReadOnlyList<SourcedValue> Labels { get; init; } = [];
    /// <summary>Annotations.</summary>
    public IReadOnlyList<SourcedValue> Annotations { get; init; } = [];
    /// <summary>Service account.</summary>
    public SourcedValue? ServiceAccount { get; init; }
    /// <summary>Restart policy.</summary>
    public SourcedValue? RestartPolicy { get; init; }
    /// <summary>Image pull policy.</summary>
    public SourcedValue? ImagePullPolicy { get; init; }
    /// <summary>Resource requests and limits (an object with <c>requests</c> and <c>limits</c>).</summary>
    public SourcedValue? Resources { get; init; }
}
