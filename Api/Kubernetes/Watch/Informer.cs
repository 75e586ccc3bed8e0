using System.Text.Json;
using Overseer.Api.Kubernetes.Errors;
using Overseer.Api.Kubernetes.Models;
using Overseer.Api.Kubernetes.Resources;

namespace Overseer.Api.Kubernetes.Watch;

/// <summary>
/// One list+watch kept running: an in-memory cache of the objects and change notifications. A dropped watch resumes from the
/// last resourceVersion (after a backoff); a 410 Gone lists again and turns the difference into events, so subscribers see
/// every change once: never a duplicate, never a gap.
/// </summary>
public sealed class Informer<T> : IAsyncDisposable where T : class, IKubernetesObject
{
    private readonly InformerSource<T> _source;
    private readonly KubernetesOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, T> _cache = new(StringComparer.Ordinal);
    private readonly List<InformerSubscription<T>> _subscriptions = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Random _random = new();
    private Task? _loop;
    private string _resourceVersion = "";

    /// <summary>Creates the informer; <see cref="Start"/> starts it.</summary>
    public Informer(InformerSource<T> source, KubernetesOptions options, TimeProvider time, ILogger logger)
    {
        _source = source;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Name for logs: resource, namespace and selector.</summary>
    public string Name => _source.Name;

    /// <summary>True once the first list is in the cache.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>Lists done so far (1 + one per 410).</summary>
    public int Lists { get; private set; }

    /// <summary>Watch requests opened so far.</summary>
    public int Watches { get; private set; }

    /// <summary>The resourceVersion the cache is at.</summary>
    public string ResourceVersion
    {
        get
        {
            lock (_lock)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>Starts listing and watching (once).</summary>
    public void Start()
    {
        lock (_lock)
        {
            _loop ??= Task.Run(() => RunAsync(_stop.Token));
        }
    }

    /// <summary>Completes when the first list is in the cache.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken = default) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>A cached object, or null.</summary>
    public T? Get(string ns, string name)
    {
        lock (_lock)
        {
            return _cache.GetValueOrDefault(Key(ns, name));
        }
    }

    /// <summary>Every cached object.</summary>
    public IReadOnlyList<T> List()
    {
        lock (_lock)
        {
            return [.. _cache.Values];
        }
    }

    /// <summary>
    /// Calls <paramref name="handler"/> for every change, in order, one at a time; first with an Added event per object already
    /// cached. Handlers run off the watch loop, so a slow one delays only itself. Dispose the result to stop.
    /// </summary>
    public IDisposable Subscribe(Func<InformerEvent<T>, CancellationToken, ValueTask> handler)
    {
        var subscription = new InformerSubscription<T>(handler, Remove, e => KubernetesLog.HandlerFailed(_logger, Name, e));
        lock (_lock)
        {
            foreach (var obj in _cache.Values)
            {
                subscription.Channel.Writer.TryWrite(new InformerEvent<T>(InformerEventType.Added, obj, default));
            }
            _subscriptions.Add(subscription);
        }
        subscription.Start();
        return subscription;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var mustList = true;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (mustList)
                {
                    var listed = await _source.List(cancellationToken);
                    Lists++;
                    Replace(listed.Items, listed.ResourceVersion);
                    KubernetesLog.Listed(_logger, Name, listed.Items.Count, listed.ResourceVersion);
                    _synced.TrySetResult();
                    mustList = false;
                }
                var started = _time.GetTimestamp();
                var received = await WatchOnceAsync(cancellationToken);
                // A stream the server ends normally is resumed at once; one that ends empty at once counts as a failure (no spinning).
                failures = received > 0 || _time.GetElapsedTime(started) > TimeSpan.FromSeconds(1) ? 0 : failures + 1;
            }
            catch (GoneException)
            {
                KubernetesLog.Relisting(_logger, Name, ResourceVersion);
                if (mustList)
                {
                    // The list itself expired (a continue token outlived the server's history): back off before the next one.
                    failures++;
                    await Delay(Backoff(failures), cancellationToken);
                }
                mustList = true;
                continue;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested &&
                                      e is KubernetesException or HttpRequestException or IOException or JsonException or OperationCanceledException)
            {
                failures++;
                var wait = Backoff(failures);
                KubernetesLog.WatchFailed(_logger, Name, e.Message, (long)wait.TotalMilliseconds);
                await Delay(wait, cancellationToken);
                continue;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            if (failures > 0)
            {
                await Delay(Backoff(failures), cancellationToken);
            }
        }
    }

    private async Task<int> WatchOnceAsync(CancellationToken cancellationToken)
    {
        var timeout = _options.WatchTimeout * (1 + _random.NextDouble());
        var options = new WatchOptions { ResourceVersion = ResourceVersion, AllowBookmarks = true, Timeout = timeout };
        Watches++;
        var received = 0;
        await foreach (var e in _source.Watch(options, cancellationToken))
        {
            received++;
            Apply(e);
        }
        return received;
    }

    private void Apply(WatchEvent<T> e)
    {
        lock (_lock)
        {
            var key = Key(e.Object.Metadata.Namespace, e.Object.Metadata.Name);
            switch (e.Type)
            {
                case WatchEventType.Added or WatchEventType.Modified:
                    var old = _cache.GetValueOrDefault(key);
                    if (old?.Metadata.ResourceVersion != e.Object.Metadata.ResourceVersion)
                    {
                        _cache[key] = e.Object;
                        Publish(new InformerEvent<T>(old is null ? InformerEventType.Added : InformerEventType.Modified, e.Object, old));
                    }
                    break;
                case WatchEventType.Deleted:
                    if (_cache.Remove(key))
                    {
                        Publish(new InformerEvent<T>(InformerEventType.Deleted, e.Object, default));
                    }
                    break;
            }
            if (e.Object.Metadata.ResourceVersion is { Length: > 0 } rv)
            {
                _resourceVersion = rv;
            }
        }
    }

    private void Replace(IReadOnlyList<T> items, string resourceVersion)
    {
        lock (_lock)
        {
            var fresh = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                var key = Key(item.Metadata.Namespace, item.Metadata.Name);
                fresh[key] = item;
                var old = _cache.GetValueOrDefault(key);
                if (old is null)
                {
                    Publish(new InformerEvent<T>(InformerEventType.Added, item, default));
                }
                else if (old.Metadata.ResourceVersion != item.Metadata.ResourceVersion)
                {
                    Publish(new InformerEvent<T>(InformerEventType.Modified, item, old));
                }
            }
            foreach (var (key, old) in _cache)
            {
                if (!fresh.ContainsKey(key))
                {
                    Publish(new InformerEvent<T>(InformerEventType.Deleted, old, default));
                }
            }
            _cache.Clear();
            foreach (var (key, item) in fresh)
            {
                _cache[key] = item;
            }
            _resourceVersion = resourceVersion;
        }
    }

    private void Publish(InformerEvent<T> e)
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Channel.Writer.TryWrite(e);
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var ceiling = _options.WatchRetryBaseDelay * Math.Pow(2, Math.Min(failures - 1, 20));
        if (ceiling > _options.WatchRetryMaxDelay)
        {
            ceiling = _options.WatchRetryMaxDelay;
        }
        return ceiling / 2 + ceiling / 2 * _random.NextDouble();
    }

    private async Task Delay(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private static string Key(string? ns, string? name) => $"{ns}/{name}";

    private void Remove(InformerSubscription<T> subscription)
    {
        lock (_lock)
        {
            _subscriptions.Remove(subscription);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is { } loop)
        {
            await loop;
        }
        List<InformerSubscription<T>> subscriptions;
        lock (_lock)
        {
            subscriptions = [.. _subscriptions];
        }
        foreach (var subscription in subscriptions)
        {
            await subscription.StopAsync();
        }
        _stop.Dispose();
    }
}
