using Overseer.Api.Kubernetes;
using Overseer.Api.Kubernetes.Errors;
using Overseer.Api.Kubernetes.Models;
using Overseer.Api.Kubernetes.Resources;
using Overseer.Kubernetes.Tests.Infrastructure;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.KubeSim;

/// <summary>The job controller and kubelet emulation, observed through the client.</summary>
public sealed class JobEmulationTests(SimFixture fixture) : IClassFixture<SimFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private KubernetesClient Client => fixture.Sim.Client();

    [Fact]
    public async Task BackoffLimit_fails_the_job_after_limit_plus_one_failed_pods()
    {
        var ns = TestSim.NewNamespace();
        await Client.Jobs.CreateAsync(ns, TestJobs.Shell("fails", "exit 3", backoffLimit: 2));

        var job = await FinishedAsync(ns, "fails");

        var failed = job.Condition("Failed");
        Assert.NotNull(failed);
        Assert.Equal("BackoffLimitExceeded", failed.Reason);
        Assert.NotNull(job.Condition("FailureTarget"));
        Assert.Equal(3, job.Status!.Failed);
        var pods = (await Client.Pods.ListAsync(ns, new ListOptions { LabelSelector = "job-name=fails" })).Items;
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p =>
        {
            Assert.Equal("Failed", p.Status!.Phase);
            var terminated = Assert.Single(p.Status.ContainerStatuses!).State!.Terminated!;
            Assert.Equal(3, terminated.ExitCode);
            Assert.Equal("Error", terminated.Reason);
        });
    }

    [Fact]
    public async Task ActiveDeadlineSeconds_fails_the_job_with_DeadlineExceeded_and_stops_its_pod()
    {
        var ns = TestSim.NewNamespace();
        var spec = TestJobs.Shell("slow", "exec sleep 60");
        spec.Spec!.ActiveDeadlineSeconds = 1;
        await Client.Jobs.CreateAsync(ns, spec);

        var job = await FinishedAsync(ns, "slow");

        var failed = job.Condition("Failed");
        Assert.Equal("DeadlineExceeded", failed?.Reason);
        Assert.Equal("Job was active longer than specified deadline", failed?.Message);
        await Eventually.TrueAsync(async () => (await Client.Pods.ListAsync(ns)).Items.Count == 0, Wait, "the pod to be stopped and removed");
        var events = await Client.Events.ListForObjectAsync(job);
        Assert.Contains(events, e => e.Reason == "DeadlineExceeded" && e.Type == "Warning");
    }

    [Fact]
    public async Task PodFailurePolicy_ignores_an_eviction_and_the_replacement_completes()
    {
        var ns = TestSim.NewNamespace();
        var marker = Path.Combine(fixture.Sim.Directory, $"{ns}-first-ran");
        var spec = TestJobs.Shell("evicted", $"if [ -f {marker} ]; then echo second; exit 0; fi; touch {marker}; exec sleep 60");
        spec.Spec!.PodReplacementPolicy = "Failed";
        spec.Spec.PodFailurePolicy = new PodFailurePolicy
        {
            Rules =
            [
                new PodFailurePolicyRule { Action = "Ignore", OnPodConditions = [new PodFailurePolicyOnPodConditionsPattern { Type = "DisruptionTarget" }] },
                new PodFailurePolicyRule { Action = "FailJob", OnExitCodes = new PodFailurePolicyOnExitCodesRequirement { Operator = "In", Values = [42] } },
            ],
        };
        await Client.Jobs.CreateAsync(ns, spec);
        var first = await RunningPodAsync(ns, "evicted");
        await Eventually.TrueAsync(() => File.Exists(marker), Wait, "the first pod to start its work");

        fixture.Sim.Cluster.EvictPod(ns, first.Metadata.Name!);

        var job = await FinishedAsync(ns, "evicted");
        Assert.NotNull(job.Condition("Complete"));
        Assert.Equal(1, job.Status!.Succeeded);
        Assert.Null(job.Status.Failed);
        var events = await Client.Events.ListForObjectAsync(job);
        Assert.Equal(2, events.Count(e => e.Reason == "SuccessfulCreate"));
    }

    [Fact]
    public async Task PodFailurePolicy_FailJob_rule_fails_the_job_on_a_matching_exit_code()
    {
        var ns = TestSim.NewNamespace();
        var spec = TestJobs.Shell("exit42", "exit 42", backoffLimit: 5);
        spec.Spec!.PodFailurePolicy = new PodFailurePolicy
        {
            Rules = [new PodFailurePolicyRule { Action = "FailJob", OnExitCodes = new PodFailurePolicyOnExitCodesRequirement { Operator = "In", Values = [42] } }],
        };

        var job = await FinishedAsync(ns, (await Client.Jobs.CreateAsync(ns, spec)).Metadata.Name!);

        var failed = job.Condition("Failed");
        Assert.Equal("PodFailurePolicy", failed?.Reason);
        Assert.Matches(@"^Container main for pod .+/exit42-\w+ failed with exit code 42 matching FailJob rule at index 0$", failed?.Message);
        Assert.Equal(1, job.Status!.Failed);
    }

    [Fact]
    public async Task TtlSecondsAfterFinished_deletes_the_job_and_its_pods()
    {
        var ns = TestSim.NewNamespace();
        var spec = TestJobs.Shell("short-lived", "true");
        spec.Spec!.TtlSecondsAfterFinished = 1;
        var created = await Client.Jobs.CreateAsync(ns, spec);

        // Watched from its creation, so a TTL that deletes the Job before a poll could see it finish cannot be missed.
        var events = new List<(WatchEventType Type, bool Finished)>();
        using var timeout = new CancellationTokenSource(Wait);
        await foreach (var e in Client.Jobs.WatchAsync(ns, new WatchOptions { ResourceVersion = created.Metadata.ResourceVersion }, timeout.Token))
        {
            events.Add((e.Type, e.Object.IsFinished()));
            if (e.Type == WatchEventType.Deleted)
            {
                break;
            }
        }

        var finishedAt = events.FindIndex(e => e.Finished);
        Assert.True(finishedAt >= 0, "the Job finished before it was deleted");
        Assert.Equal(WatchEventType.Deleted, events[^1].Type);
        Assert.Null(await Client.Jobs.TryGetAsync(ns, "short-lived"));
        await Eventually.TrueAsync(async () => (await Client.Pods.ListAsync(ns)).Items.Count == 0, Wait, "its pods to be deleted");
    }

    [Fact]
    public async Task Parallelism_and_completions_run_the_requested_number_of_pods()
    {
        var ns = TestSim.NewNamespace();
        var spec = TestJobs.Shell("many", "echo $HOSTNAME");
        spec.Spec!.Parallelism = 2;
        spec.Spec.Completions = 3;
        await Client.Jobs.CreateAsync(ns, spec);

        var job = await FinishedAsync(ns, "many");

        Assert.NotNull(job.Condition("Complete"));
        Assert.Equal(3, job.Status!.Succeeded);
        Assert.NotNull(job.Status.CompletionTime);
        var pods = (await Client.Pods.ListAsync(ns)).Items;
        Assert.Equal(3, pods.Count);
        foreach (var pod in pods)
        {
            Assert.Equal($"{pod.Metadata.Name}\n", await Client.Pods.ReadLogAsync(ns, pod.Metadata.Name!));
        }
    }

    [Fact]
    public async Task Native_sidecar_starts_before_and_stops_after_the_main_container()
    {
        var ns = TestSim.NewNamespace();
        var log = Path.Combine(fixture.Sim.Directory, $"{ns}-order.log");
        var spec = TestJobs.Shell("sidecar", $"grep -q init {log} && echo main-start >> {log}; sleep 0.3; echo main-end >> {log}");
        spec.Spec!.Template.Spec.InitContainers =
        [
            new Container
            {
                Name = "proxy", Image = "overseer/sidecar:test", RestartPolicy = "Always",
                Command = ["sh", "-c", $"echo sidecar-start >> {log}; trap 'echo sidecar-stop >> {log}; exit 0' TERM; while true; do sleep 0.05; done"],
            },
            new Container { Name = "setup", Image = "busybox:1.36", Command = ["sh", "-c", $"until grep -q sidecar-start {log}; do sleep 0.05; done; echo init >> {log}"] },
        ];
        await Client.Jobs.CreateAsync(ns, spec);

        var job = await FinishedAsync(ns, "sidecar");

        Assert.NotNull(job.Condition("Complete"));
        await Eventually.TrueAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("sidecar-stop", StringComparison.Ordinal), Wait, "the sidecar to stop");
        Assert.Equal(["sidecar-start", "init", "main-start", "main-end", "sidecar-stop"], File.ReadAllLines(log));
        var pod = Assert.Single((await Client.Pods.ListAsync(ns)).Items);
        Assert.Equal("Succeeded", pod.Status!.Phase);
        Assert.All(pod.Status.InitContainerStatuses!, s => Assert.NotNull(s.State!.Terminated));
    }

    [Fact]
    public async Task OomKilled_container_reports_reason_and_exit_code_137()
    {
        var ns = TestSim.NewNamespace();
        await Client.Jobs.CreateAsync(ns, TestJobs.Shell("hungry", "exec sleep 60"));
        var pod = await RunningPodAsync(ns, "hungry");

        Assert.True(fixture.Sim.Cluster.OomKill(ns, pod.Metadata.Name!, "main"));

        var job = await FinishedAsync(ns, "hungry");
        Assert.Equal("BackoffLimitExceeded", job.Condition("Failed")?.Reason);
        var terminated = (await Client.Pods.GetAsync(ns, pod.Metadata.Name!)).Status!.ContainerStatuses![0].State!.Terminated!;
        Assert.Equal("OOMKilled", terminated.Reason);
        Assert.Equal(137, terminated.ExitCode);
    }

    [Fact]
    public async Task Deleted_pod_counts_as_a_failure_and_is_replaced_within_the_backoff_limit()
    {
        var ns = TestSim.NewNamespace();
        var marker = Path.Combine(fixture.Sim.Directory, $"{ns}-deleted");
        await Client.Jobs.CreateAsync(ns, TestJobs.Shell("victim", $"if [ -f {marker} ]; then exit 0; fi; touch {marker}; exec sleep 60", backoffLimit: 1));
        var first = await RunningPodAsync(ns, "victim");
        await Eventually.TrueAsync(() => File.Exists(marker), Wait, "the first pod to start its work");

        fixture.Sim.Cluster.DeletePod(ns, first.Metadata.Name!);

        var job = await FinishedAsync(ns, "victim");
        Assert.NotNull(job.Condition("Complete"));
        Assert.Equal(1, job.Status!.Failed);
        Assert.Equal(1, job.Status.Succeeded);
        await Eventually.TrueAsync(async () => await Client.Pods.TryGetAsync(ns, first.Metadata.Name!) is null, Wait, "the deleted pod to be gone");
    }

    [Theory]
    [InlineData("TerminatingOrFailed", true)]
    [InlineData("Failed", false)]
    public async Task PodReplacementPolicy_decides_whether_a_replacement_waits_for_the_terminating_pod(string policy, bool replacedWhileTerminating)
    {
        var ns = TestSim.NewNamespace();
        var marker = Path.Combine(fixture.Sim.Directory, $"{ns}-stubborn");
        // The first pod ignores SIGTERM, so it stays terminating for its whole grace period (1 s).
        var spec = TestJobs.Shell("stubborn", $"if [ -f {marker} ]; then exit 0; fi; trap '' TERM; touch {marker}; while true; do sleep 0.05; done", backoffLimit: 1);
        spec.Spec!.PodReplacementPolicy = policy;
        spec.Spec.Template.Spec.TerminationGracePeriodSeconds = 1;
        await using var informers = new Overseer.Api.Kubernetes.Watch.KubernetesInformers(Client);
        var pods = informers.Pods(ns);
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var _ = pods.Subscribe((e, _) =>
        {
            if (e.Type != Overseer.Api.Kubernetes.Watch.InformerEventType.Modified)
            {
                order.Enqueue($"{e.Type} {e.Object.Metadata.Name}");
            }
            return ValueTask.CompletedTask;
        });
        await pods.WaitForSyncAsync(TestContext.Current.CancellationToken);
        await Client.Jobs.CreateAsync(ns, spec);
        var first = await RunningPodAsync(ns, "stubborn");
        await Eventually.TrueAsync(() => File.Exists(marker), Wait, "the first pod to ignore SIGTERM");

        fixture.Sim.Cluster.DeletePod(ns, first.Metadata.Name!);

        var job = await FinishedAsync(ns, "stubborn");
        Assert.NotNull(job.Condition("Complete"));
        await Eventually.TrueAsync(() => order.Count(e => e.StartsWith("Added", StringComparison.Ordinal)) == 2 && order.Any(e => e.StartsWith("Deleted", StringComparison.Ordinal)),
            Wait, "both pods and the first one's removal to be seen");
        var events = order.ToList();
        var replacementAdded = events.FindLastIndex(e => e.StartsWith("Added", StringComparison.Ordinal));
        var firstDeleted = events.IndexOf($"Deleted {first.Metadata.Name}");
        Assert.Equal(replacedWhileTerminating, replacementAdded < firstDeleted);
    }

    private async Task<Job> FinishedAsync(string ns, string name)
    {
        Job? job = null;
        await Eventually.TrueAsync(async () => (job = await Client.Jobs.GetAsync(ns, name)).IsFinished(), Wait, $"job {ns}/{name} to finish");
        return job!;
    }

    private async Task<Pod> RunningPodAsync(string ns, string job)
    {
        Pod? pod = null;
        await Eventually.TrueAsync(async () =>
        {
            pod = (await Client.Pods.ListAsync(ns, new ListOptions { LabelSelector = $"job-name={job}" })).Items
                .FirstOrDefault(p => p.Status?.Phase == "Running" && p.Metadata.DeletionTimestamp is null);
            return pod is not null;
        }, Wait, $"a running pod of {ns}/{job}");
        return pod!;
    }

    [Fact]
    public async Task Invalid_job_is_rejected_with_every_field_cause()
    {
        var ns = TestSim.NewNamespace();
        var spec = TestJobs.Shell("bad", "true");
        spec.Spec!.Template.Spec.RestartPolicy = "Always";
        spec.Spec.Template.Spec.Containers[0].Image = null;

        var error = await Assert.ThrowsAsync<InvalidException>(() => Client.Jobs.CreateAsync(ns, spec));

        Assert.Contains(error.Causes, c => c.Field == "spec.template.spec.restartPolicy" && c.Reason == "FieldValueNotSupported");
        Assert.Contains(error.Causes, c => c.Field == "spec.template.spec.containers[0].image" && c.Reason == "FieldValueRequired");
        Assert.Contains("Job.batch \"bad\" is invalid", error.Message);
    }
}
