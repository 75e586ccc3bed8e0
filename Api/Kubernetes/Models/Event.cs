namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 Event.</summary>
public sealed class Event : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "v1";
    public string? Kind { get; set; } = "Event";
    public ObjectMeta Metadata { get; set; } = new();
    public ObjectReference InvolvedObject { get; set; } = new();
    public string? Reason { get; set; }
    public string? Message { get; set; }
    /// <summary><c>Normal</c> or <c>Warning</c>.</summary>
    public string? Type { get; set; }
    public int? Count { get; set; }
    public DateTimeOffset? FirstTimestamp { get; set; }
    public DateTimeOffset? LastTimestamp { get; set; }
    public EventSource? Source { get; set; }
    public string? ReportingComponent { get; set; }
}
