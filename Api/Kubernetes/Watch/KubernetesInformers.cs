using System.Collections.Concurrent;
using Overseer.Api.Kubernetes.Models;

namespace Overseer.Api.Kubernetes.Watch;

/// <summary>Shared informers: one list+watch per resource, namespace and label selector, started on first use.</summary>
public sealed class KubernetesInformers(KubernetesClient client) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<IAsyncDisposable>> _informers = new(StringComparer.Ordinal);

    /// <summary>The pod informer of a namespace and selector.</summary>
    public Informer<Pod> Pods(string ns, string? labelSelector = null) =>
        Get(InformerSources.For(client.Pods, ns, labelSelector, client.Options.ListPageSize));

    /// <summary>The job informer of a namespace and selector.</summary>
    public Informer<Job> Jobs(string ns, string? labelSelector = null) =>
        Get(InformerSources.For(client.Jobs, ns, labelSelector, client.Options.ListPageSize));

    private Informer<T> Get<T>(InformerSource<T> source) where T : class, IKubernetesObject
    {
        var informer = (Informer<T>)_informers.GetOrAdd(source.Name, _ => new Lazy<IAsyncDisposable>(() =>
            new Informer<T>(source, client.Options, client.Time, client.LoggerFactory.CreateLogger<Informer<T>>()))).Value;
        informer.Start();
        return informer;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var informer in _informers.Values.Where(l => l.IsValueCreated))
        {
            await informer.Value.DisposeAsync();
        }
        _informers.Clear();
    }
}
