using System.Collections.Concurrent;
using System.Globalization;
using Overseer.Api.Kubernetes;
using Overseer.Api.Kubernetes.Models;
using Overseer.Api.Kubernetes.Resources;
using Overseer.Api.Kubernetes.Watch;
using Overseer.KubeSim.Hosting;
using Overseer.Kubernetes.Tests.Errors;
using Overseer.Kubernetes.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.Watch;

/// <summary>The informer: one list+watch, a cache, and change notifications that survive disconnects, 410s and API faults.</summary>
public sealed class InformerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Informer_survives_a_disconnect_and_a_410_without_missing_or_duplicating_events()
    {
        await using var sim = await TestSim.StartAsync();
        var client = sim.Client();
        var ns = TestSim.NewNamespace();
        await using var informer = new Informer<Lease>(InformerSources.For(client.Leases, ns, null, 5), client.Options, client.Time,
            client.LoggerFactory.CreateLogger<Informer<Lease>>());
        var events = new ConcurrentQueue<InformerEvent<Lease>>();
        using var subscription = informer.Subscribe((e, _) =>
        {
            events.Enqueue(e);
            return ValueTask.CompletedTask;
        });
        informer.Start();
        await informer.WaitForSyncAsync(TestContext.Current.CancellationToken);

        await CreateAsync(client, ns, 0, 5);
        await Eventually.TrueAsync(() => informer.List().Count == 5, Wait, "the first five leases");
        Assert.Equal(1, sim.Cluster.DisconnectWatches());
        await CreateAsync(client, ns, 5, 5);
        await UpdateAsync(client, ns, "lease-1");
        await Eventually.TrueAsync(() => informer.List().Count == 10, Wait, "leases created after the disconnect");
        await Eventually.TrueAsync(() => sim.Cluster.Store.WatchCount == 1, Wait, "the informer to watch again");
        sim.Cluster.ForceGone();
        await CreateAsync(client, ns, 10, 5);
        await UpdateAsync(client, ns, "lease-2");
        await client.Leases.DeleteAsync(ns, "lease-3");
        await Eventually.TrueAsync(() => informer.List().Count == 14, Wait, "leases created after the 410");

        await AssertCacheMatchesServerAsync(client, informer, ns);
        Assert.Equal(2, informer.Lists);
        var byName = events.GroupBy(e => e.Object.Metadata.Name!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(15, byName.Count);
        Assert.All(byName.Values, list => Assert.Equal(InformerEventType.Added, Assert.Single(list, e => e.Type == InformerEventType.Added).Type));
        Assert.Single(byName["lease-1"], e => e.Type == InformerEventType.Modified);
        Assert.Single(byName["lease-2"], e => e.Type == InformerEventType.Modified);
        Assert.Single(byName["lease-3"], e => e.Type == InformerEventType.Deleted);
        Assert.All(byName.Values, list =>
        {
            var versions = list.Where(e => e.Type != InformerEventType.Deleted).Select(e => long.Parse(e.Object.Metadata.ResourceVersion!, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(versions.Order(), versions);
            Assert.Equal(versions.Count, versions.Distinct().Count());
        });
    }

    [Fact]
    public async Task Informer_cache_matches_the_server_after_a_run_with_faults()
    {
        await using var sim = await TestSim.StartAsync(new KubeSimOptions { Seed = 7, HistoryLimit = 200 });
        var options = TestSim.FastOptions();
        options.MaxRetries = 8;
        var client = sim.Client(options);
        var ns = TestSim.NewNamespace();
        await using var informers = new KubernetesInformers(client);
        var pods = informers.Pods(ns);
        var jobs = informers.Jobs(ns, "app=faults");
        Assert.Same(pods, informers.Pods(ns));
        var notifications = 0;
        using var subscription = pods.Subscribe((_, _) =>
        {
            Interlocked.Increment(ref notifications);
            return ValueTask.CompletedTask;
        });
        await pods.WaitForSyncAsync(TestContext.Current.CancellationToken);
        await jobs.WaitForSyncAsync(TestContext.Current.CancellationToken);

        sim.Cluster.Faults.TooManyRequestsRate = 0.1;
        sim.Cluster.Faults.InternalErrorRate = 0.1;
        sim.Cluster.Faults.RetryAfterSeconds = 0;
        sim.Cluster.Faults.DropCreateResponses(2);
        for (var i = 0; i < 12; i++)
        {
            var job = TestJobs.Shell($"job-{i}", i % 3 == 0 ? "exit 1" : "echo ok");
            job.Metadata.Labels = new() { ["app"] = "faults" };
            try
            {
                await client.Jobs.CreateAsync(ns, job);
            }
            catch (Overseer.Api.Kubernetes.Errors.KubernetesUnavailableException)
            {
                // a dropped response: the job exists anyway
            }
            catch (Overseer.Api.Kubernetes.Errors.KubernetesException e) when ((int)e.StatusCode == 500)
            {
                // creates are not retried on 500; the job may or may not exist, as on a real server
            }
            if (i % 4 == 1)
            {
                sim.Cluster.DisconnectWatches();
            }
            if (i % 5 == 2)
            {
                sim.Cluster.ForceGone();
            }
        }
        sim.Cluster.Faults.Reset();
        await Eventually.TrueAsync(async () =>
            (await client.Jobs.ListAsync(ns)).Items.All(j => j.IsFinished()), Wait, "every job to finish");
        await client.Jobs.DeleteAsync(ns, (await client.Jobs.ListAsync(ns)).Items[0].Metadata.Name!, PropagationPolicy.Background);

        await AssertCacheMatchesServerAsync(client.Pods, pods, ns);
        await AssertCacheMatchesServerAsync(client.Jobs, jobs, ns);
        Assert.True(pods.Lists > 1, "the forced 410s made the informer list again");
        Assert.True(notifications > 0);
        Assert.Equal(0, client.Metrics.Count("get", "pods"));
    }

    private static async Task CreateAsync(KubernetesClient client, string ns, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            var lease = TypedErrorsTests.Lease($"lease-{i}");
            await client.Leases.CreateAsync(ns, lease);
        }
    }

    private static async Task UpdateAsync(KubernetesClient client, string ns, string name)
    {
        var lease = await client.Leases.GetAsync(ns, name);
        lease.Spec!.HolderIdentity = "updated";
        await client.Leases.ReplaceAsync(ns, lease);
    }

    private static Task AssertCacheMatchesServerAsync(KubernetesClient client, Informer<Lease> informer, string ns) =>
        AssertCacheMatchesServerAsync(client.Leases, informer, ns);

    private static async Task AssertCacheMatchesServerAsync<T, TList>(ResourceClient<T, TList> resource, Informer<T> informer, string ns)
        where T : class, IKubernetesObject where TList : class, IKubernetesList<T>
    {
        string Snapshot(IEnumerable<T> items) =>
            string.Join(',', items.Select(i => $"{i.Metadata.Name}@{i.Metadata.ResourceVersion}").Order(StringComparer.Ordinal));
        var server = "";
        await Eventually.TrueAsync(async () =>
        {
            server = Snapshot((await resource.ListAllAsync(ns, cancellationToken: TestContext.Current.CancellationToken)).Items);
            return Snapshot(informer.List()) == server;
        }, Wait, $"the {informer.Name} cache to match the server");
        Assert.Equal(server, Snapshot(informer.List()));
    }
}
