using Overseer.Api.Kubernetes;
using Overseer.Api.Kubernetes.Models;
using Overseer.Api.Kubernetes.Resources;
using Overseer.Kubernetes.Tests.Infrastructure;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.Resources;

/// <summary>Jobs (create, get, list, delete by propagation policy), pods (list by selector, logs) and events over HTTPS.</summary>
public sealed class JobsAndPodsTests(SimFixture fixture) : IClassFixture<SimFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private KubernetesClient Client => fixture.Sim.Client();

    [Theory]
    [InlineData(PropagationPolicy.Background)]
    [InlineData(PropagationPolicy.Foreground)]
    [InlineData(PropagationPolicy.Orphan)]
    public async Task Delete_job_with_propagation_policy(string policy)
    {
        var ns = TestSim.NewNamespace();
        var created = await Client.Jobs.CreateAsync(ns, TestJobs.Shell("doomed", "exec sleep 60"));
        Assert.Equal("batch/v1", created.ApiVersion);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(created.Metadata.Uid, created.Spec!.Selector!.MatchLabels!["batch.kubernetes.io/controller-uid"]);
        var pod = await PodAsync(ns, "doomed");

        await Client.Jobs.DeleteAsync(ns, "doomed", policy);

        await Eventually.TrueAsync(async () => await Client.Jobs.TryGetAsync(ns, "doomed") is null, Wait, "the job to go");
        if (policy == PropagationPolicy.Orphan)
        {
            var orphan = await Client.Pods.GetAsync(ns, pod.Metadata.Name!);
            Assert.Empty(orphan.Metadata.OwnerReferences ?? []);
            Assert.Equal("Running", orphan.Status!.Phase);
            await Client.Pods.DeleteAsync(ns, pod.Metadata.Name!, gracePeriodSeconds: 0);
        }
        else if (policy == PropagationPolicy.Foreground)
        {
            Assert.Null(await Client.Pods.TryGetAsync(ns, pod.Metadata.Name!));
        }
        else
        {
            await Eventually.TrueAsync(async () => await Client.Pods.TryGetAsync(ns, pod.Metadata.Name!) is null, Wait, "the garbage collector to delete the pod");
        }
    }

    [Fact]
    public async Task Foreground_delete_keeps_the_job_until_its_pods_are_gone()
    {
        var ns = TestSim.NewNamespace();
        var spec = TestJobs.Shell("slow-stop", "trap 'sleep 1; exit 0' TERM; while true; do sleep 0.05; done");
        await Client.Jobs.CreateAsync(ns, spec);
        await PodAsync(ns, "slow-stop");

        await Client.Jobs.DeleteAsync(ns, "slow-stop", PropagationPolicy.Foreground);

        var marked = await Client.Jobs.GetAsync(ns, "slow-stop");
        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        Assert.Contains("foregroundDeletion", marked.Metadata.Finalizers!);
        await Eventually.TrueAsync(async () => await Client.Jobs.TryGetAsync(ns, "slow-stop") is null, Wait, "the job to go after its pod");
    }

    [Fact]
    public async Task Pods_are_listed_by_selector_and_their_logs_read_with_options()
    {
        var ns = TestSim.NewNamespace();
        // stdout and stderr are separate pipes: their lines keep their relative order only when written apart in time.
        await Client.Jobs.CreateAsync(ns, TestJobs.Shell("talker", "for i in 1 2 3 4 5; do echo line $i; done; sleep 0.2; echo oops >&2"));
        await Eventually.TrueAsync(async () => (await Client.Jobs.GetAsync(ns, "talker")).IsFinished(), Wait, "the job to finish");

        var pods = await Client.Pods.ListAsync(ns, new ListOptions { LabelSelector = new LabelSelectorBuilder().Equal("job-name", "talker").Exists("controller-uid").ToString() });
        var none = await Client.Pods.ListAsync(ns, new ListOptions { LabelSelector = "job-name=other" });
        var byPhase = await Client.Pods.ListAsync(ns, new ListOptions { FieldSelector = "status.phase=Succeeded" });
        var name = Assert.Single(pods.Items).Metadata.Name!;

        Assert.Empty(none.Items);
        Assert.Single(byPhase.Items);
        Assert.Equal("line 1\nline 2\nline 3\nline 4\nline 5\noops\n", await Client.Pods.ReadLogAsync(ns, name));
        Assert.Equal("line 5\noops\n", await Client.Pods.ReadLogAsync(ns, name, new PodLogOptions { Container = "main", TailLines = 2 }));
        Assert.Equal(6, (await Client.Pods.ReadLogAsync(ns, name, new PodLogOptions { SinceSeconds = 600 })).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var stamped = await Client.Pods.ReadLogAsync(ns, name, new PodLogOptions { Timestamps = true, TailLines = 1 });
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z oops\n$", stamped);
    }

    [Fact]
    public async Task Followed_log_streams_lines_as_they_are_written_until_the_container_ends()
    {
        var ns = TestSim.NewNamespace();
        var gate = Path.Combine(fixture.Sim.Directory, $"{ns}-gate");
        await Client.Jobs.CreateAsync(ns, TestJobs.Shell("streamer", $"echo first; until [ -f {gate} ]; do sleep 0.05; done; echo second"));
        var pod = await PodAsync(ns, "streamer");

        await using var stream = await Client.Pods.FollowLogAsync(ns, pod.Metadata.Name!);
        using var reader = new StreamReader(stream);
        Assert.Equal("first", await reader.ReadLineAsync(TestContext.Current.CancellationToken));
        await File.WriteAllTextAsync(gate, "", TestContext.Current.CancellationToken);
        Assert.Equal("second", await reader.ReadLineAsync(TestContext.Current.CancellationToken));
        Assert.Null(await reader.ReadLineAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Events_are_listed_for_their_involved_object()
    {
        var ns = TestSim.NewNamespace();
        await Client.Jobs.CreateAsync(ns, TestJobs.Shell("noted", "true"));
        Job? job = null;
        await Eventually.TrueAsync(async () => (job = await Client.Jobs.GetAsync(ns, "noted")).IsFinished(), Wait, "the job to finish");

        var events = await Client.Events.ListForObjectAsync(job!);

        Assert.Equal(["Completed", "SuccessfulCreate"], events.Select(e => e.Reason).Order());
        Assert.All(events, e => Assert.Equal(job!.Metadata.Uid, e.InvolvedObject.Uid));
        Assert.Contains(events, e => e.Message!.StartsWith("Created pod: noted-", StringComparison.Ordinal));
    }

    private async Task<Pod> PodAsync(string ns, string job)
    {
        Pod? pod = null;
        await Eventually.TrueAsync(async () =>
            (pod = (await Client.Pods.ListAsync(ns, new ListOptions { LabelSelector = $"job-name={job}" })).Items.FirstOrDefault(p => p.Status?.Phase == "Running")) is not null,
            Wait, $"a running pod of {job}");
        return pod!;
    }
}
