namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 EventList.</summary>
public sealed class EventList : IKubernetesList<Event>
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<Event> Items { get; set; } = [];
}
