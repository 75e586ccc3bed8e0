using System.Text;
using System.Text.Json;
using Overseer.Api.Workflows;
using Overseer.Api.Workflows.Compile;
using Overseer.Api.Workflows.Parsing;
using Overseer.Api.Tests.Workflows;
using Overseer.Testing.Conformance;
using Overseer.Contracts.Json;

namespace Overseer.Api.Tests.Conformance;

/// <summary>
/// Each fixture of <see cref="ManagedJobFixtures"/> compiled and compared with what jobs-manager-operator computes for
/// it, derived by hand from its code: controllers/crd_dependency_tree.go (generateDependencyTree, 53a96f9b),
/// controllers/crd_scrapper.go (compileParameters, runPendingJobs, executeJob, 0af57b9e) and
/// api/v1beta1/managedjob_types.go (0af57b9e).
/// </summary>
public sealed class ManagedJobConformanceTests
{
    private static WorkflowPlan Plan(string yaml)
    {
        var (plan, errors) = WorkflowCompiler.Compile(WorkflowReader.Read(Encoding.UTF8.GetBytes(yaml), "application/yaml"));
        Assert.True(errors.IsEmpty, string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        return plan!;
    }

    private static PlanJob Job(WorkflowPlan plan, string name) => plan.Jobs.Single(j => j.Name == name);

    private static string Json(PlanJob job) => JsonSerializer.Serialize(job.Spec, ContractsJson.Lenient.TaskSpec);

    private static string[] Env(PlanJob job) => [.. job.Spec.EnvOrder.Select(n => $"{n}={job.Spec.Env[n]}")];

    [Fact]
    public void Quickstart_says_goodbye_after_hello_once()
    {
        var plan = Plan(ManagedJobFixtures.Quickstart);

        // generateDependencyTree: say-goodbye is not parallel, so it depends on every earlier job of its group, named
        // lower(workflow-group-job); the explicit "say-hello" names the same job, so it adds no second edge.
        Assert.Equal("""
            hello-world
            └── hello-group
                ├── say-hello
                └── say-goodbye
                    └── Depends on: hello-world-hello-group-say-hello

            """.ReplaceLineEndings("\n"), TreeText.Render(plan.ToDto()));
        Assert.Equal(["hello-group/say-hello"], Job(plan, "say-goodbye").DependsOn);
        // executeJob: backoffLimit = spec.retries (1); args without a command, as the container's args.
        Assert.All(plan.Jobs, j => Assert.Equal(1, j.Spec.Retries));
        Assert.Equal(["echo", "Goodbye, World!"], Job(plan, "say-goodbye").Spec.Args);
        Assert.Empty(Job(plan, "say-goodbye").Spec.Command);
    }

    [Fact]
    public void Parallel_example_processing_waits_for_preparation_only_through_its_dependencies()
    {
        var plan = Plan(ManagedJobFixtures.Parallel);

        // processing is parallel: true, so order gives it no group dependency; its dependencies entry is the only
        // reason it waits (runPendingJobs runs a group once every dependency succeeded). finalization is not parallel:
        // it depends on both earlier groups by order, and its explicit processing entry is the same edge. Every job
        // of processing is parallel: true, so none depends on another. The tree also lists processing's explicit
        // group dependency, which the operator's printer (order-derived entries only) leaves out.
        Assert.Equal("""
            parallel-demo
            ├── preparation
            │   └── prepare
            ├── processing
            │   ├── process-1
            │   ├── process-2
            │   ├── process-3
            │   └── Depends on group: preparation
            └── finalization
                ├── finalize
                ├── Depends on group: preparation
                └── Depends on group: processing

            """.ReplaceLineEndings("\n"), TreeText.Render(plan.ToDto()));
        var gate = plan.Groups.Single(g => g.Name == "preparation").GateNode;
        Assert.All(plan.Groups.Single(g => g.Name == "processing").Jobs, j => Assert.Contains((gate, j.Node), plan.Edges));
        // compileParameters(spec, group, job): only the spec level sets env.
        Assert.All(plan.Jobs, j => Assert.Equal(["BATCH_ID=batch-001"], Env(j)));
        Assert.All(plan.Jobs, j => Assert.Equal(2, j.Spec.Retries));
    }

    [Fact]
    public void Comprehensive_example_compiles_to_the_operators_tree_env_sources_and_resources()
    {
        var plan = Plan(ManagedJobFixtures.Comprehensive);

        Assert.Equal("""
            comprehensive-demo
            ├── setup-group
            │   ├── init-job
            │   └── validate-config
            │       └── Depends on: comprehensive-demo-setup-group-init-job
            ├── parallel-workers
            │   ├── worker-alpha
            │   ├── worker-beta
            │   ├── worker-gamma
            │   └── Depends on group: setup-group
            ├── aggregation-group
            │   ├── aggregate-results
            │   ├── Depends on group: setup-group
            │   └── Depends on group: parallel-workers
            └── notification-group
                ├── send-notification
                ├── Depends on group: setup-group
                ├── Depends on group: parallel-workers
                └── Depends on group: aggregation-group

            """.ReplaceLineEndings("\n"), TreeText.Render(plan.ToDto()));

        // compileParameters appends env and fromEnv level by level: spec, then group, then job.
        Assert.Equal(["GLOBAL_ENV=available-in-all-jobs", "WORKFLOW_ID=demo-workflow-001", "GROUP_NAME=parallel-workers",
            "WORKER_MODE=parallel", "BETA_SPECIFIC=only-in-worker-beta"], Env(Job(plan, "worker-beta")));
        Assert.Equal(["GLOBAL_ENV=available-in-all-jobs", "WORKFLOW_ID=demo-workflow-001", "AGGREGATION_MODE=combine-results"],
            Env(Job(plan, "aggregate-results")));
        Assert.Equal(["configMap:job-config", "secret:job-secrets"], Job(plan, "send-notification").Spec.EnvFrom
            .Select(e => e.SecretRef is { } s ? $"secret:{s.Name}" : $"configMap:{e.ConfigMapRef!.Name}"));
        Assert.Equal(["configMap:job-config"], Job(plan, "init-job").Spec.EnvFrom.Select(e => $"configMap:{e.ConfigMapRef!.Name}"));

        // Resources: the most specific level that sets them replaces the whole value (cparams.Resources = params.Resources).
        var beta = Job(plan, "worker-beta").Spec.Resources!;
        Assert.Equal(("32Mi", "25m", "64Mi", "50m"), (beta.Requests["memory"], beta.Requests["cpu"], beta.Limits["memory"], beta.Limits["cpu"]));
        var alpha = Job(plan, "worker-alpha").Spec.Resources!;
        Assert.Equal(("64Mi", "50m", "128Mi", "100m"), (alpha.Requests["memory"], alpha.Requests["cpu"], alpha.Limits["memory"], alpha.Limits["cpu"]));
        Assert.Equal("job", Job(plan, "worker-beta").Params.Resources!.Source);

        // Labels and annotations of the spec level reach every job (no lower level sets any, so replacing whole maps,
        // as the operator does, and merging key by key, as Overseer does, agree here).
        Assert.All(plan.Jobs, j => Assert.Equal(("jobs-manager-operator", "demo", "false"),
            (j.Spec.Labels["managed-by"], j.Spec.Labels["environment"], j.Spec.Annotations["prometheus.io/scrape"])));
        Assert.All(plan.Jobs, j => Assert.Equal(3, j.Spec.Retries));
        Assert.Equal(("OnFailure", "IfNotPresent"), (Job(plan, "init-job").Params.RestartPolicy!.Value!.GetValue<string>(),
            Job(plan, "init-job").Params.ImagePullPolicy!.Value!.GetValue<string>()));
        // The example spells the mounts volumeMounts; the CRD's field is volumeMount, so the API server would prune
        // them and the operator mount nothing. Overseer reads both spellings and keeps them.
        Assert.Equal(["config-volume"], Job(plan, "aggregate-results").Params.VolumeMounts.Select(v => v.Name));
    }

    [Fact]
    public void Seed_sample_env_follows_the_operators_append_order()
    {
        var plan = Plan(WorkflowSamples.ManagedJobSample);

        // config/samples/jobsmanager_v1beta1_managedjob.yaml (3c4f7a56): spec env FOO, QUE; first-group FEE; first-job POO.
        Assert.Equal(["FOO=bar", "QUE=pasa", "FEE=bee", "POO=paz"], Env(Job(plan, "first-job")));
        Assert.Equal(["FOO=bar", "QUE=pasa", "FEE=bee"], Env(Job(plan, "second-job")));
        Assert.Equal(["FOO=bar", "QUE=pasa"], Env(Job(plan, "fifth-job")));
    }

    [Fact]
    public void Quickstart_read_back_from_a_cluster_compiles_like_the_original()
    {
        var original = Plan(ManagedJobFixtures.Quickstart);
        var readBack = Plan(ManagedJobFixtures.QuickstartReadBack);

        // Metadata the API server adds, every status, compiledParams and the dependencies the operator wrote back
        // (a bare name and the generated name of the same job) are ignored or resolve to the same edges.
        Assert.Equal(TreeText.Render(original.ToDto()), TreeText.Render(readBack.ToDto()));
        Assert.Equal(original.Edges, readBack.Edges);
        Assert.Equal(original.Jobs.Select(Json), readBack.Jobs.Select(Json));
    }

    [Fact]
    public void A_managed_job_without_retries_gets_the_crd_default_of_one_and_a_workflow_keeps_none()
    {
        var managed = Plan(ManagedJobFixtures.Quickstart.Replace("  retries: 1\n", "", StringComparison.Ordinal));
        var ours = Plan(WorkflowSamples.Workflow("    - {name: g, jobs: [{name: a, command: [\"true\"]}]}"));

        Assert.All(managed.Jobs, j => Assert.Equal(1, j.Spec.Retries));
        Assert.Equal(0, ours.Jobs.Single().Spec.Retries);
    }
}
