using System.Net;
using Overseer.Api.Kubernetes.Errors;
using Overseer.Api.Kubernetes.Models;
using Overseer.Api.Kubernetes.Resources;
using Overseer.Kubernetes.Tests.Infrastructure;

namespace Overseer.Kubernetes.Tests.Errors;

/// <summary>Each Kubernetes Status the simulator answers becomes its typed exception.</summary>
public sealed class TypedErrorsTests(SimFixture fixture) : IClassFixture<SimFixture>
{
    private TestSim Sim => fixture.Sim;

    [Fact]
    public async Task Get_of_a_missing_object_is_NotFound()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => Sim.Client().Jobs.GetAsync("default", "missing"));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("get jobs default/missing: 404 NotFound: jobs.batch \"missing\" not found", error.Message);
        Assert.Null(await Sim.Client().Jobs.TryGetAsync("default", "missing"));
    }

    [Fact]
    public async Task Create_of_a_duplicate_name_is_AlreadyExists()
    {
        var ns = TestSim.NewNamespace();
        var client = Sim.Client();
        await client.Leases.CreateAsync(ns, Lease("twice"));

        var error = await Assert.ThrowsAsync<AlreadyExistsException>(() => client.Leases.CreateAsync(ns, Lease("twice")));

        Assert.Equal("AlreadyExists", error.Reason);
        Assert.Equal("twice", error.Status?.Details?.Name);
    }

    [Fact]
    public async Task Replace_with_a_stale_resourceVersion_is_Conflict()
    {
        var ns = TestSim.NewNamespace();
        var client = Sim.Client();
        var created = await client.Leases.CreateAsync(ns, Lease("contended"));
        created.Spec!.HolderIdentity = "first";
        await client.Leases.ReplaceAsync(ns, created);
        created.Spec.HolderIdentity = "second";

        var error = await Assert.ThrowsAsync<ConflictException>(() => client.Leases.ReplaceAsync(ns, created));

        Assert.Contains("the object has been modified", error.Message);
    }

    [Fact]
    public async Task Watch_from_a_compacted_resourceVersion_is_Gone()
    {
        await using var sim = await TestSim.StartAsync();
        var client = sim.Client();
        var created = await client.Leases.CreateAsync("default", Lease("old"));
        await client.Leases.CreateAsync("default", Lease("newer"));
        sim.Cluster.ForceGone();

        var error = await Assert.ThrowsAsync<GoneException>(async () =>
        {
            await foreach (var _ in client.Leases.WatchAsync("default", new WatchOptions { ResourceVersion = created.Metadata.ResourceVersion, Timeout = TimeSpan.FromSeconds(5) }))
            {
            }
        });

        Assert.Equal("Expired", error.Reason);
        Assert.Contains("too old resource version", error.Message);
    }

    [Fact]
    public async Task Continue_token_older_than_the_history_is_Gone()
    {
        await using var sim = await TestSim.StartAsync();
        var client = sim.Client();
        for (var i = 0; i < 3; i++)
        {
            await client.Leases.CreateAsync("default", Lease($"page-{i}"));
        }
        var first = await client.Leases.ListAsync("default", new ListOptions { Limit = 1 });
        await client.Leases.CreateAsync("default", Lease("later"));
        sim.Cluster.ForceGone();

        var error = await Assert.ThrowsAsync<GoneException>(() => client.Leases.ListAsync("default", new ListOptions { Limit = 1, Continue = first.Metadata.Continue }));

        Assert.Contains("continue parameter is too old", error.Message);
    }

    [Fact]
    public async Task Restricted_user_is_Forbidden_with_the_servers_message()
    {
        var ns = TestSim.NewNamespace();
        Sim.Cluster.Users.AddToken("reader-token", "reader");
        Sim.Cluster.Users.Restrict("reader", (verb, _, _) => verb is "get" or "list" or "watch");
        var path = Sim.WriteFile("reader.kubeconfig", Sim.Server.AdminKubeconfig(tokenAuth: true).Replace(Sim.Cluster.Users.AdminToken, "reader-token", StringComparison.Ordinal));
        var client = Sim.Client(kubeconfig: path);
        await client.Jobs.ListAsync(ns);

        var error = await Assert.ThrowsAsync<ForbiddenException>(() => client.Jobs.CreateAsync(ns, TestJobs.Shell("nope", "true")));

        Assert.Equal($"create jobs {ns}/nope: 403 Forbidden: jobs.batch is forbidden: User \"reader\" cannot create resource \"jobs\" in API group \"batch\" in the namespace \"{ns}\"", error.Message);
    }

    [Fact]
    public async Task Invalid_object_lists_its_field_causes()
    {
        var lease = Lease("Not_A_Name");
        lease.Spec!.LeaseDurationSeconds = -1;

        var error = await Assert.ThrowsAsync<InvalidException>(() => Sim.Client().Leases.CreateAsync("default", lease));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Equal(["metadata.name", "spec.leaseDurationSeconds"], error.Causes.Select(c => c.Field));
        Assert.All(error.Causes, c => Assert.Equal("FieldValueInvalid", c.Reason));
    }

    [Fact]
    public async Task Too_many_requests_after_the_retries_carries_Retry_After()
    {
        await using var sim = await TestSim.StartAsync();
        var options = TestSim.FastOptions();
        options.MaxRetries = 0;
        sim.Cluster.Faults.FailNext(1, 429, retryAfterSeconds: 7);

        var error = await Assert.ThrowsAsync<TooManyRequestsException>(() => sim.Client(options).Leases.ListAsync("default"));

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Equal("TooManyRequests", error.Reason);
    }

    [Fact]
    public async Task Bad_token_is_Unauthorized()
    {
        var path = Sim.WriteFile("wrong.kubeconfig", Sim.Server.AdminKubeconfig(tokenAuth: true).Replace(Sim.Cluster.Users.AdminToken, "wrong", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => Sim.Client(kubeconfig: path).Pods.ListAsync("default"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Server_error_without_a_Status_body_is_a_plain_KubernetesException()
    {
        await using var sim = await TestSim.StartAsync();
        var options = TestSim.FastOptions();
        options.MaxRetries = 0;
        sim.Cluster.Faults.FailNext(1, 500);

        var error = await Assert.ThrowsAsync<KubernetesException>(() => sim.Client(options).Pods.ListAsync("default"));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("InternalError", error.Reason);
    }

    internal static Lease Lease(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new LeaseSpec { HolderIdentity = "test", LeaseDurationSeconds = 15 },
    };
}
