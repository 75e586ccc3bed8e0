using Overseer.Api.Kubernetes.Models;

namespace Overseer.Api.Kubernetes.Watch;

/// <summary>A change of the informer's cache: the object now (for deletes, its last known state) and, for updates, before.</summary>
public sealed record InformerEvent<T>(InformerEventType Type, T Object, T? Previous) where T : IKubernetesObject;
