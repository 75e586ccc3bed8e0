using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Overseer.Api.Kubernetes.Errors;
using Overseer.Api.Kubernetes.Models;
using Overseer.Api.Kubernetes.Transport;
using Overseer.Api.Kubernetes.Watch;

namespace Overseer.Api.Kubernetes.Resources;

/// <summary>Typed operations on one namespaced resource: create, get, list (paged), replace, delete, watch.</summary>
public class ResourceClient<T, TList> where T : class, IKubernetesObject where TList : class, IKubernetesList<T>
{
    private readonly JsonTypeInfo<T> _type;
    private readonly JsonTypeInfo<TList> _listType;

    /// <summary>Creates the client.</summary>
    public ResourceClient(KubernetesTransport transport, ResourceType resource, JsonTypeInfo<T> type, JsonTypeInfo<TList> listType)
    {
        Transport = transport;
        Resource = resource;
        _type = type;
        _listType = listType;
    }

    /// <summary>The resource.</summary>
    public ResourceType Resource { get; }

    /// <summary>The transport requests go through.</summary>
    protected KubernetesTransport Transport { get; }

    /// <summary>Creates an object (its <c>metadata.name</c> or <c>generateName</c> names it). 409 throws <see cref="AlreadyExistsException"/>.</summary>
    public async Task<T> CreateAsync(string ns, T obj, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var name = obj.Metadata.Name ?? obj.Metadata.GenerateName + "*";
        var body = await Transport.SendAsync(Request(HttpMethod.Post, Resource.CollectionPath(ns), "create", ns, name)
            with { Body = JsonSerializer.SerializeToUtf8Bytes(obj, _type) }, cancellationToken);
        return Deserialize(body);
    }

    /// <summary>Reads an object; a missing one throws <see cref="NotFoundException"/>.</summary>
    public async Task<T> GetAsync(string ns, string name, CancellationToken cancellationToken = default) =>
        Deserialize(await Transport.SendAsync(Request(HttpMethod.Get, Resource.ObjectPath(ns, name), "get", ns, name), cancellationToken));

    /// <summary>Reads an object, or null when it does not exist.</summary>
    public async Task<T?> TryGetAsync(string ns, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync(ns, name, cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>Lists one page, in a namespace or (null) across all namespaces.</summary>
    public async Task<TList> ListAsync(string? ns, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ListOptions();
        var query = new QueryString()
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("limit", options.Limit)
            .Add("continue", options.Continue)
            .Add("resourceVersion", options.ResourceVersion);
        var body = await Transport.SendAsync(Request(HttpMethod.Get, Resource.CollectionPath(ns) + query, "list", ns, null), cancellationToken);
        return JsonSerializer.Deserialize(body, _listType) ?? throw new JsonException($"{Resource.Plural} list answer was empty");
    }

    /// <summary>
    /// Lists every page (<paramref name="pageSize"/> items each) of one consistent snapshot. A continue token that expired
    /// meanwhile throws <see cref="GoneException"/>; list again from the start.
    /// </summary>
    public async Task<ListResult<T>> ListAllAsync(string? ns, ListOptions? options = null, int pageSize = 500,
        CancellationToken cancellationToken = default)
    {
        var items = new List<T>();
        var page = (options ?? new ListOptions()) with { Limit = pageSize, Continue = null };
        while (true)
        {
            var list = await ListAsync(ns, page, cancellationToken);
            items.AddRange(list.Items);
            if (string.IsNullOrEmpty(list.Metadata.Continue))
            {
                return new ListResult<T>(items, list.Metadata.ResourceVersion ?? "");
            }
            page = page with { Continue = list.Metadata.Continue, ResourceVersion = null };
        }
    }

    /// <summary>Replaces an object. With <c>metadata.resourceVersion</c> set, a concurrent change throws <see cref="ConflictException"/>.</summary>
    public async Task<T> ReplaceAsync(string ns, T obj, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var name = obj.Metadata.Name ?? throw new ArgumentException("metadata.name is required to replace an object", nameof(obj));
        var body = await Transport.SendAsync(Request(HttpMethod.Put, Resource.ObjectPath(ns, name), "update", ns, name)
            with { Body = JsonSerializer.SerializeToUtf8Bytes(obj, _type) }, cancellationToken);
        return Deserialize(body);
    }

    /// <summary>
    /// Changes fields of an object with a JSON merge patch (RFC 7386), e.g. <c>{"spec":{"parallelism":3}}</c>: no read
    /// first, and no conflict with changes to other fields.
    /// </summary>
    public async Task<T> MergePatchAsync(string ns, string name, JsonObject patch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var body = await Transport.SendAsync(Request(HttpMethod.Patch, Resource.ObjectPath(ns, name), "patch", ns, name)
            with { Body = System.Text.Encoding.UTF8.GetBytes(patch.ToJsonString()), ContentType = "application/merge-patch+json" }, cancellationToken);
        return Deserialize(body);
    }

    /// <summary>Deletes an object; <paramref name="propagationPolicy"/> decides what happens to its dependents (see <see cref="PropagationPolicy"/>).</summary>
    public async Task DeleteAsync(string ns, string name, string? propagationPolicy = null, long? gracePeriodSeconds = null,
        CancellationToken cancellationToken = default)
    {
        var options = new DeleteOptions { PropagationPolicy = propagationPolicy, GracePeriodSeconds = gracePeriodSeconds };
        await Transport.SendAsync(Request(HttpMethod.Delete, Resource.ObjectPath(ns, name), "delete", ns, name)
            with { Body = JsonSerializer.SerializeToUtf8Bytes(options, Serialization.KubernetesJsonContext.Default.DeleteOptions) },
            cancellationToken);
    }

    /// <summary>
    /// One watch request: events until the server ends the stream. A too-old resource version throws <see cref="GoneException"/>;
    /// <see cref="Informer{T}"/> adds relisting and reconnecting on top.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? ns, WatchOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var seconds = options.Timeout is { } t ? (long)Math.Max(1, t.TotalSeconds) : (long?)null;
        var query = new QueryString()
            .Add("watch", true)
            .Add("resourceVersion", options.ResourceVersion)
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("allowWatchBookmarks", options.AllowBookmarks)
            .Add("timeoutSeconds", seconds);
        var request = Request(HttpMethod.Get, Resource.CollectionPath(ns) + query, "watch", ns, null);
        using var response = await Transport.OpenStreamAsync(request, cancellationToken);
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (seconds is { } s)
        {
            // The server ends the watch after timeoutSeconds; a stream that stays silent well beyond that is dead.
            guard.CancelAfter(TimeSpan.FromSeconds(s + 30));
        }
        await using var stream = await response.Content.ReadAsStreamAsync(guard.Token);
        await foreach (var e in WatchStreamReader.ReadAsync(stream, _type, request.Describe, guard.Token))
        {
            yield return e;
        }
    }

    /// <summary>A request counted under this resource.</summary>
    protected KubernetesRequest Request(HttpMethod method, string path, string verb, string? ns, string? name, string? subresource = null) =>
        new(method, path, verb, subresource is null ? Resource.Plural : $"{Resource.Plural}/{subresource}")
        {
            Describe = $"{verb} {Resource.Plural}{(subresource is null ? "" : "/" + subresource)} {(ns is null ? "" : ns + "/")}{name}".TrimEnd(' ', '/'),
        };

    private T Deserialize(byte[] body) =>
        JsonSerializer.Deserialize(body, _type) ?? throw new JsonException($"{Resource.Kind} answer was empty");
}
