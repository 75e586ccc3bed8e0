using Dapper;
using Npgsql;
using Overseer.ServiceDefaults.Posix;
using Overseer.Contracts.Tasks;
using Overseer.KubeSim.Store;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.Executor;

/// <summary>Two Api replicas against one database and one cluster: one leader on the Lease, failover, and a paused leader.</summary>
public sealed class LeaderElectionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static string? Holder(KubernetesApi kube) =>
        (string?)kube.Sim.Cluster.Store.List(ResourceKinds.Leases, "default").Items.SingleOrDefault()?.Node["spec"]?["holderIdentity"];

    private static async Task<List<(long Term, string Holder)>> TermsAsync(KubernetesApi kube)
    {
        await using var connection = new NpgsqlConnection(kube.ConnectionString);
        return (await connection.QueryAsync<(long, string)>("SELECT term, holder FROM leader_terms ORDER BY term")).AsList();
    }

    private static bool Leads(OverseerApiProcess api, string holder) => holder.Contains($"/{api.Process.Pid}/", StringComparison.Ordinal);

    [Fact]
    public async Task Exactly_one_replica_leads_and_the_other_takes_over_when_it_is_killed()
    {
        await using var kube = new KubernetesApi();
        await kube.InitializeAsync();
        var second = await kube.StartApiAsync();
        await Eventually.TrueAsync(() => Holder(kube) is not null, Wait, "a leader");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var leader = Leads(kube.Api, Holder(kube)!) ? kube.Api : second;
        var follower = leader == kube.Api ? second : kube.Api;
        Assert.Single(await TermsAsync(kube));

        leader.Process.Process.Kill();
        await Eventually.TrueAsync(() => Holder(kube) is { } h && Leads(follower, h), Wait, "failover to the other replica");

        // The Lease changes hands first; the new leader mirrors its term into PostgreSQL right after.
        await Eventually.TrueAsync(async () => (await TermsAsync(kube)).Count >= 2, Wait, "the new term mirrored");
        var terms = await TermsAsync(kube);
        Assert.Equal(2, terms.Count);
        Assert.True(terms[1].Term > terms[0].Term);
        Assert.True(Leads(follower, terms[1].Holder));
        // The survivor runs the singletons: it still completes work.
        var task = await follower.Client.SubmitTaskAsync(new TaskSpec { Name = "after-failover", Image = "busybox", Command = ["true"] });
        Assert.Equal(TaskState.Succeeded, (await follower.Client.WaitForTerminalAsync(task.Id, Wait)).State);
    }

    [Fact]
    public async Task Leader_paused_past_its_lease_loses_it_and_steps_down_when_resumed()
    {
        await using var kube = new KubernetesApi();
        await kube.InitializeAsync();
        var second = await kube.StartApiAsync();
        await Eventually.TrueAsync(() => Holder(kube) is not null, Wait, "a leader");
        var leader = Leads(kube.Api, Holder(kube)!) ? kube.Api : second;
        var other = leader == kube.Api ? second : kube.Api;

        Native.Signal(leader.Process.Pid, 19); // SIGSTOP
        try
        {
            await Eventually.TrueAsync(() => Holder(kube) is { } h && Leads(other, h), Wait, "the other replica takes the expired lease");
        }
        finally
        {
            Native.Signal(leader.Process.Pid, 18); // SIGCONT
        }

        await Eventually.TrueAsync(() => leader.Process.Output.Contains("stepped down", StringComparison.Ordinal)
            || leader.Process.Output.Contains("lost the lease", StringComparison.Ordinal), Wait, "old leader steps down");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.True(Leads(other, Holder(kube)!), "the lease went back to the paused replica");
        await Eventually.TrueAsync(async () => (await TermsAsync(kube)) is [.., var last] && Leads(other, last.Holder), Wait, "the new term mirrored");
        var terms = await TermsAsync(kube);
        Assert.Equal(terms.Count, terms.Select(t => t.Term).Distinct().Count());
        Assert.True(Leads(other, terms[^1].Holder));
    }
}
