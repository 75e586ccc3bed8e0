using Overseer.Api.Kubernetes;
using Overseer.Api.Kubernetes.Models;
using Overseer.Api.Kubernetes.Resources;
using Overseer.Kubernetes.Tests.Infrastructure;

namespace Overseer.Kubernetes.Tests.Resources;

/// <summary>Leases (get, create, replace with resourceVersion), label selectors, and paged lists.</summary>
public sealed class LeasesAndPagingTests(SimFixture fixture) : IClassFixture<SimFixture>
{
    private KubernetesClient Client => fixture.Sim.Client();

    [Fact]
    public async Task Lease_is_created_read_and_replaced_with_microsecond_times()
    {
        var ns = TestSim.NewNamespace();
        var acquired = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234560);
        var lease = new Lease
        {
            Metadata = new ObjectMeta { Name = "overseer-leader" },
            Spec = new LeaseSpec { HolderIdentity = "pod-a", LeaseDurationSeconds = 15, AcquireTime = acquired, RenewTime = acquired, LeaseTransitions = 0 },
        };

        var created = await Client.Leases.CreateAsync(ns, lease);
        created.Spec!.HolderIdentity = "pod-b";
        created.Spec.LeaseTransitions = 1;
        var replaced = await Client.Leases.ReplaceAsync(ns, created);
        var read = await Client.Leases.GetAsync(ns, "overseer-leader");

        Assert.Equal(acquired, read.Spec!.AcquireTime);
        Assert.Equal("pod-b", read.Spec.HolderIdentity);
        Assert.Equal(1, read.Spec.LeaseTransitions);
        Assert.Equal(replaced.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        Assert.True(long.Parse(read.Metadata.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture) >
                    long.Parse(created.Metadata.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture));
        var raw = fixture.Sim.Cluster.Store.Get(Overseer.KubeSim.Store.ResourceKinds.Leases, ns, "overseer-leader")!.Node["spec"]!["acquireTime"]!.GetValue<string>();
        Assert.Equal("2025-03-04T05:06:07.123456Z", raw);
    }

    [Fact]
    public async Task Generated_names_and_label_selectors()
    {
        var ns = TestSim.NewNamespace();
        (string Tier, string? Env, bool Legacy)[] labels = [("a", "prod", false), ("b", "dev", false), ("c", "dev", true), ("a", null, true)];
        foreach (var (tier, env, legacy) in labels)
        {
            var meta = new ObjectMeta { GenerateName = "lease-", Labels = new() { ["tier"] = tier } };
            if (env is not null)
            {
                meta.Labels["env"] = env;
            }
            if (legacy)
            {
                meta.Labels["legacy"] = "true";
            }
            var created = await Client.Leases.CreateAsync(ns, new Lease { Metadata = meta, Spec = new LeaseSpec() });
            Assert.Matches("^lease-[a-z0-9]{5}$", created.Metadata.Name);
        }

        async Task<int> Count(string selector) => (await Client.Leases.ListAsync(ns, new ListOptions { LabelSelector = selector })).Items.Count;

        Assert.Equal(3, await Count("tier in (a,b)"));
        Assert.Equal(2, await Count("!legacy"));
        Assert.Equal(1, await Count("tier notin (a),env=dev,!legacy"));
        Assert.Equal(3, await Count("env!=prod"));
        Assert.Equal(3, await Count("env"));
        Assert.Equal(1, await Count(new LabelSelectorBuilder().In("tier", "a").DoesNotExist("legacy").NotEqual("env", "dev").ToString()));
    }

    [Fact]
    public async Task Paged_list_returns_every_item_once_from_one_snapshot()
    {
        var ns = TestSim.NewNamespace();
        for (var i = 0; i < 7; i++)
        {
            await Client.Leases.CreateAsync(ns, new Lease { Metadata = new ObjectMeta { Name = $"page-{i}" }, Spec = new LeaseSpec() });
        }

        var first = await Client.Leases.ListAsync(ns, new ListOptions { Limit = 3 });
        await Client.Leases.CreateAsync(ns, new Lease { Metadata = new ObjectMeta { Name = "page-late" }, Spec = new LeaseSpec() });
        var second = await Client.Leases.ListAsync(ns, new ListOptions { Limit = 3, Continue = first.Metadata.Continue });
        var third = await Client.Leases.ListAsync(ns, new ListOptions { Limit = 3, Continue = second.Metadata.Continue });
        var all = await Client.Leases.ListAllAsync(ns, pageSize: 2);

        Assert.Equal(3, first.Items.Count);
        Assert.Equal(4, first.Metadata.RemainingItemCount);
        Assert.Equal(3, second.Items.Count);
        Assert.Single(third.Items);
        Assert.Null(third.Metadata.Continue);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"page-{i}"), first.Items.Concat(second.Items).Concat(third.Items).Select(l => l.Metadata.Name));
        Assert.Equal(8, all.Items.Count);
        Assert.False(string.IsNullOrEmpty(all.ResourceVersion));
    }
}
