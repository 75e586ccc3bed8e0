using Overseer.Contracts.Tasks;
using Overseer.Contracts.Workflows;
using Overseer.Testing.Conformance;

namespace Overseer.Kubernetes.Tests.Executor;

/// <summary>
/// ManagedJob files with the structure of jobs-manager-operator's samples run unchanged as Jobs on the simulated
/// cluster: busybox images without a command, args as the whole command line, env in the operator's order.
/// </summary>
public sealed class ManagedJobOnKubernetesTests(KubernetesApi kube) : IClassFixture<KubernetesApi>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    private static WorkflowJobDto Job(WorkflowDto run, string group, string job) =>
        run.Groups.Single(g => g.Name == group).Jobs.Single(j => j.Name == job);

    [Fact]
    public async Task The_seed_sample_runs_to_success_with_its_env()
    {
        var sample = ManagedJobFixtures.Sample
            .Replace("[sleep, \"10\"]", "[sleep, \"0.1\"]", StringComparison.Ordinal)
            .Replace("args: [echo, \"Hello world!\"], params: {env: [{name: POO, value: paz}]}",
                "args: [sh, -c, \"echo $FOO $QUE $FEE $POO\"], params: {env: [{name: POO, value: paz}]}", StringComparison.Ordinal);

        var run = await kube.Client.WaitForWorkflowAsync((await kube.Client.SubmitWorkflowAsync(sample)).Id!.Value, Wait);

        Assert.Equal(WorkflowState.Succeeded, run.State);
        Assert.All(run.Groups.SelectMany(g => g.Jobs), j => Assert.Equal(TaskState.Succeeded, j.State));
        Assert.Equal("bar pasa bee paz\n", await kube.Client.GetLogsAsync(Job(run, "first-group", "first-job").TaskId!.Value));
        Assert.Equal("Hello world!\n", await kube.Client.GetLogsAsync(Job(run, "third-group", "fifth-job").TaskId!.Value));
    }

    [Fact]
    public async Task A_job_without_args_runs_its_images_entrypoint()
    {
        var run = await kube.Client.WaitForWorkflowAsync((await kube.Client.SubmitWorkflowAsync("""
            apiVersion: jobsmanager.raczylo.com/v1beta1
            kind: ManagedJob
            metadata: {name: entrypoint}
            spec:
              groups: [{name: g, jobs: [{name: own, image: "entrypoint/hello:1"}]}]
            """)).Id!.Value, Wait);

        Assert.Equal(WorkflowState.Succeeded, run.State);
        Assert.Equal("from the image entrypoint\n", await kube.Client.GetLogsAsync(Job(run, "g", "own").TaskId!.Value));
    }

    [Fact]
    public async Task The_upstream_parallel_example_runs_to_success()
    {
        var run = await kube.Client.WaitForWorkflowAsync((await kube.Client.SubmitWorkflowAsync(ManagedJobFixtures.Parallel)).Id!.Value, Wait);

        Assert.Equal(WorkflowState.Succeeded, run.State);
        Assert.Equal("preparing batch-001\n", await kube.Client.GetLogsAsync(Job(run, "preparation", "prepare").TaskId!.Value));
        Assert.Equal("batch batch-001 finished\n", await kube.Client.GetLogsAsync(Job(run, "finalization", "finalize").TaskId!.Value));
    }
}
