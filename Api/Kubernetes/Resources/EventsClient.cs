using Overseer.Api.Kubernetes.Models;
using Overseer.Api.Kubernetes.Serialization;
using Overseer.Api.Kubernetes.Transport;

namespace Overseer.Api.Kubernetes.Resources;

/// <summary>Events, listed by the object they are about.</summary>
public sealed class EventsClient(KubernetesTransport transport)
    : ResourceClient<Event, EventList>(transport, ResourceType.Events, KubernetesJsonContext.Default.Event, KubernetesJsonContext.Default.EventList)
{
    /// <summary>Events whose involved object is <paramref name="involved"/> (matched by kind, name and, when known, uid).</summary>
    public async Task<IReadOnlyList<Event>> ListForObjectAsync(IKubernetesObject involved, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(involved);
        var meta = involved.Metadata;
        var ns = meta.Namespace ?? throw new ArgumentException("the involved object has no namespace", nameof(involved));
        var selector = $"involvedObject.kind={involved.Kind},involvedObject.name={meta.Name},involvedObject.namespace={ns}";
        if (!string.IsNullOrEmpty(meta.Uid))
        {
            selector += $",involvedObject.uid={meta.Uid}";
        }
        var result = await ListAllAsync(ns, new ListOptions { FieldSelector = selector }, cancellationToken: cancellationToken);
        return result.Items;
    }
}
