namespace Overseer.Api.Kubernetes.Resources;

/// <summary>Options of <c>pods/log</c>.</summary>
public sealed record PodLogOptions
{
    /// <summary>The container; required when the pod has more than one.</summary>
    public string? Container { get; init; }

    /// <summary>Only the last lines.</summary>
    public int? TailLines { get; init; }

    /// <summary>Only lines written in the last seconds.</summary>
    public long? SinceSeconds { get; init; }

    /// <summary>Prefix each line with its RFC 3339 timestamp.</summary>
    public bool Timestamps { get; init; }

    /// <summary>The previous (restarted) instance of the container.</summary>
    public bool Previous { get; init; }
}
