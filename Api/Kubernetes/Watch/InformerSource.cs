using Overseer.Api.Kubernetes.Models;
using Overseer.Api.Kubernetes.Resources;

namespace Overseer.Api.Kubernetes.Watch;

/// <summary>How an informer lists and watches: one namespace and label selector of one resource.</summary>
public sealed record InformerSource<T>(
    string Name,
    Func<CancellationToken, Task<ListResult<T>>> List,
    Func<WatchOptions, CancellationToken, IAsyncEnumerable<WatchEvent<T>>> Watch) where T : class, IKubernetesObject;
