using System.Diagnostics;
using Overseer.Api.Kubernetes;
using Overseer.Api.Kubernetes.Config;
using Overseer.Api.Kubernetes.Auth;
using Overseer.Api.Kubernetes.Errors;
using Overseer.Api.Kubernetes.Transport;
using Overseer.Kubernetes.Tests.Errors;
using Overseer.Kubernetes.Tests.Infrastructure;

namespace Overseer.Kubernetes.Tests.Transport;

/// <summary>Which failures are retried, for which verbs, and how long the client waits.</summary>
public sealed class RetryTests
{
    [Fact]
    public async Task Get_retries_429_after_the_servers_Retry_After()
    {
        await using var sim = await TestSim.StartAsync();
        var client = sim.Client();
        sim.Cluster.Faults.FailNext(2, 429, retryAfterSeconds: 1);

        var clock = Stopwatch.StartNew();
        await client.Leases.ListAsync("default");

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), $"waited only {clock.Elapsed}");
        Assert.Equal(3, sim.Cluster.Stats.Count("list", "leases"));
        Assert.Equal(3, client.Metrics.Count("list", "leases"));
    }

    [Fact]
    public async Task Create_is_retried_on_429_with_Retry_After_but_not_on_500()
    {
        await using var sim = await TestSim.StartAsync();
        var client = sim.Client();
        sim.Cluster.Faults.FailNext(1, 429, retryAfterSeconds: 1);
        await client.Leases.CreateAsync("default", TypedErrorsTests.Lease("after-429"));

        sim.Cluster.Faults.FailNext(1, 500);
        var error = await Assert.ThrowsAsync<KubernetesException>(() => client.Leases.CreateAsync("default", TypedErrorsTests.Lease("after-500")));

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(3, sim.Cluster.Stats.Count("create", "leases"));
        Assert.Null(await client.Leases.TryGetAsync("default", "after-500"));
    }

    [Fact]
    public async Task Idempotent_verbs_are_retried_on_500_with_backoff()
    {
        await using var sim = await TestSim.StartAsync();
        var client = sim.Client();
        await client.Leases.CreateAsync("default", TypedErrorsTests.Lease("flaky"));
        sim.Cluster.Faults.FailNext(3, 500);

        var lease = await client.Leases.GetAsync("default", "flaky");

        Assert.Equal("flaky", lease.Metadata.Name);
        Assert.Equal(4, sim.Cluster.Stats.Count("get", "leases"));
    }

    [Fact]
    public async Task Dropped_create_response_is_not_retried_and_the_object_exists()
    {
        await using var sim = await TestSim.StartAsync();
        var client = sim.Client();
        sim.Cluster.Faults.DropCreateResponses(1);

        await Assert.ThrowsAsync<KubernetesUnavailableException>(() => client.Jobs.CreateAsync("default", TestJobs.Shell("dropped", "true")));

        Assert.Equal(1, sim.Cluster.Stats.Count("create", "jobs"));
        Assert.NotNull(await client.Jobs.TryGetAsync("default", "dropped"));
        await Assert.ThrowsAsync<AlreadyExistsException>(() => client.Jobs.CreateAsync("default", TestJobs.Shell("dropped", "true")));
    }

    [Fact]
    public async Task Refused_connection_is_retried_then_reported_as_unavailable()
    {
        await using var sim = await TestSim.StartAsync();
        var options = TestSim.FastOptions();
        options.MaxRetries = 2;
        var config = KubernetesConfigLoader.Load(new KubernetesOptions { Kubeconfig = sim.KubeconfigPath }, CredentialSettings.From(options));
        var port = System.Net.Sockets.TcpListener.Create(0);
        port.Start();
        var deadPort = ((System.Net.IPEndPoint)port.LocalEndpoint).Port;
        port.Stop();
        var dead = new KubernetesClientConfiguration
        {
            Server = new Uri($"https://127.0.0.1:{deadPort}"),
            CertificateAuthorities = config.CertificateAuthorities,
            ClientCertificate = config.ClientCertificate,
        };
        using var client = new KubernetesClient(dead, options);

        var error = await Assert.ThrowsAsync<KubernetesUnavailableException>(() => client.Pods.ListAsync("default"));

        Assert.Contains($"https://127.0.0.1:{deadPort}/ could not be reached", error.Message);
        Assert.Equal(3, client.Metrics.Count("list", "pods"));
    }

    [Fact]
    public void Delays_honour_Retry_After_and_grow_exponentially_with_jitter()
    {
        var random = new Random(1);
        var hinted = RetryDelays.Next(1, TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), random);
        var capped = RetryDelays.Next(1, TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), random);
        var steps = Enumerable.Range(1, 5).Select(n => RetryDelays.Next(n, null, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), random)).ToList();

        Assert.InRange(hinted.TotalSeconds, 3, 3.3);
        Assert.Equal(TimeSpan.FromSeconds(30), capped);
        for (var n = 1; n <= 5; n++)
        {
            var ceiling = 0.2 * Math.Pow(2, n - 1);
            Assert.InRange(steps[n - 1].TotalSeconds, ceiling / 2, ceiling);
        }
    }
}
