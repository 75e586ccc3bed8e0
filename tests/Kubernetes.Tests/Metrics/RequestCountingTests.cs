using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Overseer.Api.Kubernetes;
using Overseer.Api.Kubernetes.Metrics;
using Overseer.Api.Kubernetes.Resources;
using Overseer.Api.Kubernetes.Watch;
using Overseer.Kubernetes.Tests.Infrastructure;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.Metrics;

/// <summary>Every request is counted by verb and resource, in-process and on the <c>Overseer.Kubernetes</c> meter.</summary>
public sealed class RequestCountingTests
{
    [Fact]
    public async Task Requests_are_counted_by_verb_and_resource_as_the_server_counts_them()
    {
        await using var sim = await TestSim.StartAsync();
        using var meters = new TestMeterFactory();
        var options = TestSim.FastOptions();
        options.Kubeconfig = sim.KubeconfigPath;
        using var client = new KubernetesClient(
            Overseer.Api.Kubernetes.Config.KubernetesConfigLoader.Load(options, Overseer.Api.Kubernetes.Auth.CredentialSettings.From(options)),
            options, metrics: new KubernetesMetrics(meters));
        var measured = new List<(string Verb, string Resource, long Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "overseer.kubernetes.requests")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var all = tags.ToArray();
            var verb = all.First(t => t.Key == "verb").Value?.ToString() ?? "";
            var resource = all.First(t => t.Key == "resource").Value?.ToString() ?? "";
            lock (measured)
            {
                measured.Add((verb, resource, value));
            }
        });
        listener.Start();

        await client.Jobs.CreateAsync("default", TestJobs.Shell("counted", "echo hi"));
        await Eventually.TrueAsync(async () => (await client.Jobs.GetAsync("default", "counted")).IsFinished(), TimeSpan.FromSeconds(30), "the job to finish");
        var pod = (await client.Pods.ListAsync("default")).Items.Single();
        await client.Pods.ReadLogAsync("default", pod.Metadata.Name!);
        await foreach (var _ in client.Pods.WatchAsync("default", new WatchOptions { Timeout = TimeSpan.FromSeconds(1) }, TestContext.Current.CancellationToken))
        {
        }
        await client.Jobs.DeleteAsync("default", "counted", "Background");

        var expected = new Dictionary<(string, string), long>
        {
            [("create", "jobs")] = 1,
            [("list", "pods")] = 1,
            [("get", "pods/log")] = 1,
            [("watch", "pods")] = 1,
            [("delete", "jobs")] = 1,
        };
        foreach (var ((verb, resource), count) in expected)
        {
            Assert.Equal(count, client.Metrics.Count(verb, resource));
            Assert.Equal(count, sim.Cluster.Stats.Count(verb, resource));
        }
        Assert.Equal(client.Metrics.Count("get", "jobs"), sim.Cluster.Stats.Count("get", "jobs"));
        lock (measured)
        {
            Assert.Equal(client.Metrics.Total, measured.Sum(m => m.Value));
            Assert.Contains(measured, m => m is ("get", "pods/log", 1));
        }
    }

    [Fact]
    public async Task AddKubernetesClient_binds_the_Kubernetes_section()
    {
        await using var sim = await TestSim.StartAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kubernetes:Kubeconfig"] = sim.KubeconfigPath,
            ["Kubernetes:Namespace"] = "configured",
            ["Kubernetes:Qps"] = "7",
            ["Kubernetes:Burst"] = "3",
            ["Kubernetes:RequestTimeout"] = "00:00:05",
        });
        builder.AddKubernetesClient();
        using var host = builder.Build();

        var client = host.Services.GetRequiredService<KubernetesClient>();
        await using var informers = host.Services.GetRequiredService<KubernetesInformers>();
        await client.Leases.ListAsync(client.Namespace, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("configured", client.Namespace);
        Assert.Equal((7d, 3, TimeSpan.FromSeconds(5)), (client.Options.Qps, client.Options.Burst, client.Options.RequestTimeout));
        Assert.Same(host.Services.GetRequiredService<KubernetesMetrics>(), client.Metrics);
        Assert.Equal(1, client.Metrics.Count("list", "leases"));
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            options.Scope = this;
            var meter = new Meter(options);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }
}
