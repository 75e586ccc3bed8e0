using System.Text.Json;
using Overseer.Kubernetes.Tests.Infrastructure;

namespace Overseer.Kubernetes.Tests.KubeSim;

/// <summary>The installed kubectl against a running KubeSim: kubectl's own requests are the ground truth for the API's shape.</summary>
public sealed class KubectlCompatibilityTests(SimFixture fixture) : IClassFixture<SimFixture>
{
    private Kubectl Kubectl(bool tokenAuth = false)
    {
        var path = tokenAuth ? fixture.Sim.WriteFile("kubeconfig-token", fixture.Sim.Server.AdminKubeconfig(tokenAuth: true)) : fixture.Sim.KubeconfigPath;
        return new Kubectl(path, fixture.Sim.Directory);
    }

    [Fact]
    public async Task Create_get_logs_and_delete_a_job_with_kubectl()
    {
        var ns = TestSim.NewNamespace("kubectl");
        var kubectl = Kubectl();
        var manifest = fixture.Sim.WriteFile($"{ns}.yaml", $$"""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: hello
              namespace: {{ns}}
            spec:
              backoffLimit: 0
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - name: main
                    image: busybox:1.36
                    command: ["sh", "-c", "echo hello from $(POD_NAME)"]
                    env:
                    - name: POD_NAME
                      valueFrom:
                        fieldRef:
                          fieldPath: metadata.name
            """);

        Assert.Contains("job.batch/hello created", await kubectl.OkAsync("create", "-f", manifest));
        Assert.Contains("condition met", await kubectl.OkAsync("wait", "-n", ns, "--for=condition=complete", "job/hello", "--timeout=30s"));

        var yaml = await kubectl.OkAsync("get", "job", "hello", "-n", ns, "-o", "yaml");
        Assert.Contains("name: hello", yaml);
        Assert.Contains("succeeded: 1", yaml);
        Assert.Contains("type: Complete", yaml);
        Assert.Contains("batch.kubernetes.io/job-name: hello", yaml);

        using var all = JsonDocument.Parse(await kubectl.OkAsync("get", "jobs,pods", "-A", "-o", "json"));
        var items = all.RootElement.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("metadata").GetProperty("namespace").GetString() == ns).ToList();
        Assert.Contains(items, i => i.GetProperty("kind").GetString() == "Job" && i.GetProperty("metadata").GetProperty("name").GetString() == "hello");
        var pod = Assert.Single(items, i => i.GetProperty("kind").GetString() == "Pod");
        Assert.Equal("Succeeded", pod.GetProperty("status").GetProperty("phase").GetString());
        var podName = pod.GetProperty("metadata").GetProperty("name").GetString()!;
        Assert.StartsWith("hello-", podName);

        Assert.Equal($"hello from {podName}\n", await kubectl.OkAsync("logs", podName, "-n", ns));
        var table = await kubectl.OkAsync("get", "pods", "-n", ns);
        Assert.Contains(podName, table);
        Assert.Contains("Completed", table);

        Assert.Contains("job.batch \"hello\" deleted", await kubectl.OkAsync("delete", "job", "hello", "-n", ns));
        Assert.Contains("No resources found", (await kubectl.RunAsync("get", "jobs", "-n", ns)).Err);
        // kubectl deletes in the background: the garbage collector removes the pod after the job.
        await Overseer.Testing.Eventually.TrueAsync(async () => (await kubectl.RunAsync("get", "pods", "-n", ns)).Err.Contains("No resources found"),
            TimeSpan.FromSeconds(20), "the job's pod to be garbage-collected");
    }

    [Fact]
    public async Task Kubectl_merge_patch_scales_a_job_and_cannot_change_its_template()
    {
        var ns = TestSim.NewNamespace("kubectl");
        var kubectl = Kubectl();
        var manifest = fixture.Sim.WriteFile($"{ns}.yaml", $$"""
            apiVersion: batch/v1
            kind: Job
            metadata: { name: pool, namespace: {{ns}} }
            spec:
              parallelism: 1
              template:
                spec:
                  restartPolicy: Never
                  containers: [{ name: main, image: busybox:1.36, command: ["sleep", "30"] }]
            """);
        await kubectl.OkAsync("create", "-f", manifest);

        Assert.Contains("job.batch/pool patched", await kubectl.OkAsync("patch", "job", "pool", "-n", ns, "--type=merge", "-p", """{"spec":{"parallelism":3}}"""));
        await Overseer.Testing.Eventually.TrueAsync(async () => (await kubectl.OkAsync("get", "pods", "-n", ns, "-o", "name")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 3,
            TimeSpan.FromSeconds(20), "three pods after the patch");
        var immutable = await kubectl.RunAsync("patch", "job", "pool", "-n", ns, "--type=merge", "-p",
            """{"spec":{"template":{"spec":{"activeDeadlineSeconds":5}}}}""");
        Assert.NotEqual(0, immutable.Exit);
        Assert.Contains("field is immutable", immutable.Err);
        var strategic = await kubectl.RunAsync("patch", "job", "pool", "-n", ns, "-p", """{"spec":{"parallelism":4}}""");
        Assert.NotEqual(0, strategic.Exit);
        Assert.Equal("3", await kubectl.OkAsync("get", "job", "pool", "-n", ns, "-o", "jsonpath={.spec.parallelism}"));
        await kubectl.OkAsync("delete", "job", "pool", "-n", ns);
    }

    [Fact]
    public async Task Kubectl_reports_the_simulators_errors_in_kubernetes_words()
    {
        var ns = TestSim.NewNamespace("kubectl");
        var kubectl = Kubectl(tokenAuth: true);

        var missing = await kubectl.RunAsync("get", "job", "nope", "-n", ns);
        Assert.NotEqual(0, missing.Exit);
        Assert.Contains("jobs.batch \"nope\" not found", missing.Err);

        var invalid = fixture.Sim.WriteFile($"{ns}-bad.yaml", $"""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: bad
              namespace: {ns}
            spec:
              template:
                spec:
                  restartPolicy: Always
                  containers: []
            """);
        var rejected = await kubectl.RunAsync("create", "-f", invalid);
        Assert.NotEqual(0, rejected.Exit);
        Assert.Contains("The Job \"bad\" is invalid", rejected.Err);
        Assert.Contains("spec.template.spec.restartPolicy: Unsupported value: \"Always\"", rejected.Err);
        Assert.Contains("spec.template.spec.containers: Required value", rejected.Err);

        var lease = fixture.Sim.WriteFile($"{ns}-lease.yaml", $"""
            apiVersion: coordination.k8s.io/v1
            kind: Lease
            metadata:
              name: leader
              namespace: {ns}
            spec:
              holderIdentity: a
            """);
        await kubectl.OkAsync("create", "-f", lease);
        var duplicate = await kubectl.RunAsync("create", "-f", lease);
        Assert.Contains("leases.coordination.k8s.io \"leader\" already exists", duplicate.Err);
        Assert.Contains("leader", await kubectl.OkAsync("get", "leases", "-n", ns));
    }

    [Fact]
    public async Task Kubectl_discovers_the_resources_it_needs()
    {
        var kubectl = Kubectl();
        var resources = await kubectl.OkAsync("api-resources");
        Assert.Contains("jobs", resources);
        Assert.Contains("batch/v1", resources);
        Assert.Contains("leases", resources);
        Assert.Contains("coordination.k8s.io/v1", resources);
        Assert.Contains("v1.32", await kubectl.OkAsync("version", "-o", "yaml"));
    }
}
