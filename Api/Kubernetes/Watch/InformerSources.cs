using Overseer.Api.Kubernetes.Models;
using Overseer.Api.Kubernetes.Resources;

namespace Overseer.Api.Kubernetes.Watch;

/// <summary>Builds <see cref="InformerSource{T}"/>s from resource clients.</summary>
public static class InformerSources
{
    /// <summary>The list+watch of <paramref name="client"/> in <paramref name="ns"/> (null: all namespaces) with an optional label selector.</summary>
    public static InformerSource<T> For<T, TList>(ResourceClient<T, TList> client, string? ns, string? labelSelector, int pageSize)
        where T : class, IKubernetesObject where TList : class, IKubernetesList<T>
    {
        ArgumentNullException.ThrowIfNull(client);
        var name = $"{client.Resource.Plural}/{ns ?? "*"}{(string.IsNullOrEmpty(labelSelector) ? "" : "?" + labelSelector)}";
        return new InformerSource<T>(name,
            ct => client.ListAllAsync(ns, new ListOptions { LabelSelector = labelSelector }, pageSize, ct),
            (options, ct) => client.WatchAsync(ns, options with { LabelSelector = labelSelector }, ct));
    }
}
