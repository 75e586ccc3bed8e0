using Overseer.Api.Kubernetes;
using Overseer.Api.Kubernetes.Models;
using Overseer.Api.Kubernetes.Resources;
using Overseer.KubeSim.Hosting;
using Overseer.KubeSim.Kubelet;
using Overseer.Kubernetes.Tests.Infrastructure;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.KubeSim;

/// <summary>The kubelet emulation: image map, env and args, statuses, restarts, start errors, node loss.</summary>
public sealed class KubeletTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Mapped_image_runs_its_program_with_env_args_and_downward_api()
    {
        var options = new KubeSimOptions();
        options.Images.Add(new ImageMapping("overseer/echo", ["sh", "-c", "echo \"$0 $* $GREETING $POD_NS $FROM_MAP\"", "echo"],
            new Dictionary<string, string> { ["FROM_MAP"] = "mapped" }));
        await using var sim = await TestSim.StartAsync(options);
        var client = sim.Client();
        var job = TestJobs.Shell("mapped", "unused");
        var container = job.Spec!.Template.Spec.Containers[0];
        container.Image = "overseer/echo:1.0";
        container.Command = null;
        container.Args = ["$(GREETING)-arg", "$$(GREETING)"];
        container.Env =
        [
            new EnvVar { Name = "GREETING", Value = "hi" },
            new EnvVar { Name = "POD_NS", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "metadata.namespace" } } },
        ];

        await client.Jobs.CreateAsync("default", job);
        var pod = await FinishedPodAsync(client, "mapped");

        Assert.Equal("echo hi-arg $(GREETING) hi default mapped\n", await client.Pods.ReadLogAsync("default", pod.Metadata.Name!));
        var terminated = pod.Status!.ContainerStatuses![0].State!.Terminated!;
        Assert.Equal(("Completed", 0), (terminated.Reason, terminated.ExitCode));
        Assert.NotNull(terminated.StartedAt);
        Assert.Equal("Succeeded", pod.Status.Phase);
        Assert.Equal("kubesim-node", pod.Spec!.NodeName);
    }

    [Fact]
    public async Task Missing_program_and_unmapped_image_without_command_are_StartErrors()
    {
        await using var sim = await TestSim.StartAsync();
        var client = sim.Client();
        var missing = TestJobs.Shell("missing", "unused");
        missing.Spec!.Template.Spec.Containers[0].Command = ["no-such-program-xyz"];
        var bare = TestJobs.Shell("bare", "unused");
        bare.Spec!.Template.Spec.Containers[0].Command = null;

        await client.Jobs.CreateAsync("default", missing);
        await client.Jobs.CreateAsync("default", bare);
        var missingPod = await FinishedPodAsync(client, "missing");
        var barePod = await FinishedPodAsync(client, "bare");

        var notFound = missingPod.Status!.ContainerStatuses![0].State!.Terminated!;
        Assert.Equal(("StartError", 128), (notFound.Reason, notFound.ExitCode));
        Assert.Equal("exec: \"no-such-program-xyz\": executable file not found in $PATH", notFound.Message);
        Assert.Contains("has no local mapping", barePod.Status!.ContainerStatuses![0].State!.Terminated!.Message);
    }

    [Fact]
    public async Task Running_container_is_reported_then_OnFailure_restarts_it_with_its_previous_log()
    {
        await using var sim = await TestSim.StartAsync();
        var client = sim.Client();
        var marker = Path.Combine(sim.Directory, "restarted");
        var job = TestJobs.Shell("restarts", $"if [ -f {marker} ]; then echo second run; exit 0; fi; echo first run; touch {marker}; sleep 0.5; exit 1", backoffLimit: 3);
        job.Spec!.Template.Spec.RestartPolicy = "OnFailure";
        await client.Jobs.CreateAsync("default", job);

        Pod? running = null;
        await Eventually.TrueAsync(async () => (running = (await client.Pods.ListAsync("default")).Items.FirstOrDefault(
            p => p.Status?.ContainerStatuses?[0].State?.Running is not null)) is not null, Wait, "the container to be reported running");
        Assert.True(running!.Status!.ContainerStatuses![0].Ready);
        Assert.Contains(running.Status.Conditions!, c => c is { Type: "Ready", Status: "True" });
        var pod = await FinishedPodAsync(client, "restarts");

        var status = pod.Status!.ContainerStatuses![0];
        Assert.Equal(1, status.RestartCount);
        Assert.Equal(1, status.LastState!.Terminated!.ExitCode);
        Assert.Equal("second run\n", await client.Pods.ReadLogAsync("default", pod.Metadata.Name!));
        Assert.Equal("first run\n", await client.Pods.ReadLogAsync("default", pod.Metadata.Name!, new PodLogOptions { Previous = true }));
    }

    [Fact]
    public async Task Lost_node_turns_pods_Unknown_then_deletes_them_as_disruptions()
    {
        await using var sim = await TestSim.StartAsync(new KubeSimOptions { NodeLostDeleteAfter = TimeSpan.FromMilliseconds(500) });
        var client = sim.Client();
        var marker = Path.Combine(sim.Directory, "lost-once");
        var job = TestJobs.Shell("lost", $"if [ -f {marker} ]; then exit 0; fi; touch {marker}; exec sleep 60");
        job.Spec!.PodReplacementPolicy = "Failed";
        job.Spec.PodFailurePolicy = new PodFailurePolicy
        {
            Rules = [new PodFailurePolicyRule { Action = "Ignore", OnPodConditions = [new PodFailurePolicyOnPodConditionsPattern { Type = "DisruptionTarget" }] }],
        };
        await using var informers = new Overseer.Api.Kubernetes.Watch.KubernetesInformers(client);
        var pods = informers.Pods("default");
        var phases = new System.Collections.Concurrent.ConcurrentQueue<(string Name, string? Phase, bool Disrupted)>();
        using var _ = pods.Subscribe((e, _) =>
        {
            phases.Enqueue((e.Object.Metadata.Name!, e.Type == Overseer.Api.Kubernetes.Watch.InformerEventType.Deleted ? "deleted" : e.Object.Status?.Phase,
                e.Object.Status?.Conditions?.Any(c => c.Type == "DisruptionTarget") == true));
            return ValueTask.CompletedTask;
        });
        await client.Jobs.CreateAsync("default", job);
        await Eventually.TrueAsync(() => File.Exists(marker), Wait, "the first pod to start");

        Assert.Equal(1, await sim.Cluster.LoseNodeAsync());

        await Eventually.TrueAsync(async () => (await client.Jobs.GetAsync("default", "lost")).IsFinished(), Wait, "the replacement to finish");
        var final = await client.Jobs.GetAsync("default", "lost");
        Assert.NotNull(final.Condition("Complete"));
        Assert.Null(final.Status!.Failed);
        var first = phases.First().Name;
        var history = phases.Where(p => p.Name == first).ToList();
        Assert.Contains(history, p => p.Phase == "Unknown");
        Assert.Contains(history, p => p is { Phase: "Failed", Disrupted: true });
        Assert.Equal("deleted", history[^1].Phase);
    }

    private static async Task<Pod> FinishedPodAsync(KubernetesClient client, string job)
    {
        Pod? pod = null;
        await Eventually.TrueAsync(async () => (pod = (await client.Pods.ListAsync("default", new ListOptions { LabelSelector = $"job-name={job}" })).Items
            .FirstOrDefault(p => p.Status?.Phase is "Succeeded" or "Failed")) is not null, Wait, $"a finished pod of {job}");
        return pod!;
    }
}
