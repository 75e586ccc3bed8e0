using Microsoft.Extensions.Logging.Abstractions;
using Overseer.Api.Kubernetes.Config;
using Overseer.Api.Kubernetes.Metrics;
using Overseer.Api.Kubernetes.Models;
using Overseer.Api.Kubernetes.Resources;
using Overseer.Api.Kubernetes.Serialization;
using Overseer.Api.Kubernetes.Transport;

namespace Overseer.Api.Kubernetes;

/// <summary>Overseer's Kubernetes client: Jobs, Pods (and logs), Events and Leases of one API server.</summary>
public sealed class KubernetesClient : IDisposable
{
    private readonly KubernetesTransport _transport;

    /// <summary>Creates a client for <paramref name="config"/>; <paramref name="handler"/> replaces the socket handler (tests).</summary>
    public KubernetesClient(KubernetesClientConfiguration config, KubernetesOptions? options = null, TimeProvider? time = null,
        ILoggerFactory? loggerFactory = null, KubernetesMetrics? metrics = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Options = options ?? new KubernetesOptions();
        Time = time ?? TimeProvider.System;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Metrics = metrics ?? new KubernetesMetrics();
        var logger = LoggerFactory.CreateLogger<KubernetesClient>();
        _transport = new KubernetesTransport(config, Options, Metrics, Time, logger, handler);
        Jobs = new ResourceClient<Job, JobList>(_transport, ResourceType.Jobs, KubernetesJsonContext.Default.Job, KubernetesJsonContext.Default.JobList);
        Pods = new PodsClient(_transport);
        Events = new EventsClient(_transport);
        Leases = new ResourceClient<Lease, LeaseList>(_transport, ResourceType.Leases, KubernetesJsonContext.Default.Lease,
            KubernetesJsonContext.Default.LeaseList);
        KubernetesLog.ClientCreated(logger, config.Server, config.Source, config.Namespace, Options.Qps, Options.Burst);
    }

    /// <summary>The resolved configuration.</summary>
    public KubernetesClientConfiguration Configuration => _transport.Configuration;

    /// <summary>The default namespace (context, service account, or <see cref="KubernetesOptions.Namespace"/>).</summary>
    public string Namespace => Configuration.Namespace;

    /// <summary>The client's options.</summary>
    public KubernetesOptions Options { get; }

    /// <summary>The clock of retries, rate limiting and informers.</summary>
    public TimeProvider Time { get; }

    /// <summary>Logger factory of the client and its informers.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Request counts by verb and resource.</summary>
    public KubernetesMetrics Metrics { get; }

    /// <summary>batch/v1 Jobs.</summary>
    public ResourceClient<Job, JobList> Jobs { get; }

    /// <summary>core/v1 Pods.</summary>
    public PodsClient Pods { get; }

    /// <summary>core/v1 Events.</summary>
    public EventsClient Events { get; }

    /// <summary>coordination.k8s.io/v1 Leases.</summary>
    public ResourceClient<Lease, LeaseList> Leases { get; }

    /// <inheritdoc />
    public void Dispose() => _transport.Dispose();
}
