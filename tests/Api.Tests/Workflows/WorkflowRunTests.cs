using System.Net;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Workflows;
using Overseer.Testing;
using Overseer.Testing.Conformance;

namespace Overseer.Api.Tests.Workflows;

/// <summary>Workflows running end to end on the local executor.</summary>
public sealed class WorkflowRunTests(ApiApplication app) : IClassFixture<ApiApplication>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly OverseerClient _client = app.AdminClient();

    private static WorkflowJobDto Job(WorkflowDto run, string group, string job) =>
        run.Groups.Single(g => g.Name == group).Jobs.Single(j => j.Name == job);

    [Fact]
    public async Task Sequential_jobs_run_in_order_and_the_run_succeeds()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"wf-order-{Guid.NewGuid():N}");
        var submitted = await _client.SubmitWorkflowAsync(WorkflowSamples.Workflow($$"""
                - name: first
                  jobs:
                    - {name: a, command: [sh, -c, "sleep 0.3; echo a >> {{marker}}"]}
                    - {name: b, command: [sh, -c, "echo b >> {{marker}}"]}
                - name: second
                  jobs:
                    - {name: c, command: [sh, -c, "echo c >> {{marker}}"]}
            """, name: "ordered"));

        var run = await _client.WaitForWorkflowAsync(submitted.Id!.Value, Wait);

        Assert.Equal(WorkflowState.Succeeded, run.State);
        Assert.All(run.Groups, g => Assert.Equal(WorkflowState.Succeeded, g.State));
        Assert.Equal(["a", "b", "c"], File.ReadAllLines(marker));
        File.Delete(marker);
    }

    [Fact]
    public async Task Failure_skips_everything_downstream_while_independent_jobs_finish_and_the_run_fails()
    {
        var submitted = await _client.SubmitWorkflowAsync(WorkflowSamples.Workflow("""
                - name: g
                  parallel: true
                  jobs:
                    - {name: broken, command: [sh, -c, "exit 2"], parallel: true}
                    - {name: after, command: ["true"]}
                    - {name: independent, command: [sleep, "1"], parallel: true}
                - name: later
                  jobs:
                    - {name: never, command: ["true"]}
            """, name: "propagate"));

        var run = await _client.WaitForWorkflowAsync(submitted.Id!.Value, Wait);

        Assert.Equal(WorkflowState.Failed, run.State);
        Assert.Equal(TaskState.Failed, Job(run, "g", "broken").State);
        Assert.Equal(TaskState.Skipped, Job(run, "g", "after").State);
        Assert.Equal(TaskState.Succeeded, Job(run, "g", "independent").State);
        Assert.Equal(TaskState.Skipped, Job(run, "later", "never").State);
        Assert.Equal(WorkflowState.Skipped, run.Groups[1].State);
        var skipped = await _client.GetTaskAsync(Job(run, "later", "never").TaskId!.Value);
        Assert.Equal("upstream g/broken failed", skipped.Reason);
    }

    [Fact]
    public async Task Fail_fast_cancels_independent_running_jobs()
    {
        var submitted = await _client.SubmitWorkflowAsync(WorkflowSamples.Workflow("""
                - name: g
                  parallel: true
                  jobs:
                    - {name: slow, command: [sleep, "30"], parallel: true}
                    - {name: broken, command: [sh, -c, "sleep 0.5; exit 1"], parallel: true}
            """, name: "fast-fail", extraSpec: "  failFast: true"));

        var run = await _client.WaitForWorkflowAsync(submitted.Id!.Value, Wait);

        Assert.Equal(WorkflowState.Failed, run.State);
        Assert.Equal(TaskState.Cancelled, Job(run, "g", "slow").State);
        Assert.True(run.FinishedAt - run.CreatedAt < TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Cancel_stops_running_jobs_and_skips_pending_ones()
    {
        var submitted = await _client.SubmitWorkflowAsync(WorkflowSamples.Workflow("""
                - name: g
                  jobs:
                    - {name: running, command: [sleep, "30"]}
                    - {name: waiting, command: ["true"]}
            """, name: "cancel-me"));
        var id = submitted.Id!.Value;
        await Eventually.TrueAsync(async () => Job(await _client.GetWorkflowAsync(id), "g", "running").State == TaskState.Running, Wait, "job running");

        await _client.CancelWorkflowAsync(id);
        var run = await _client.WaitForWorkflowAsync(id, Wait);

        Assert.Equal(WorkflowState.Cancelled, run.State);
        Assert.Equal(TaskState.Cancelled, Job(run, "g", "running").State);
        Assert.Equal(TaskState.Skipped, Job(run, "g", "waiting").State);
        var again = await Assert.ThrowsAsync<OverseerApiException>(() => _client.CancelWorkflowAsync(id));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Retry_reruns_only_failed_and_skipped_jobs_as_a_new_run()
    {
        var flag = Path.Combine(Path.GetTempPath(), $"wf-retry-{Guid.NewGuid():N}");
        var counter = flag + ".ok-runs";
        var submitted = await _client.SubmitWorkflowAsync(WorkflowSamples.Workflow($$"""
                - name: g
                  jobs:
                    - {name: ok, command: [sh, -c, "echo run >> {{counter}}"]}
                    - {name: flaky, command: [sh, -c, "test -e {{flag}}"]}
                    - {name: after, command: ["true"]}
            """, name: "retry-me"));
        var failed = await _client.WaitForWorkflowAsync(submitted.Id!.Value, Wait);
        Assert.Equal(WorkflowState.Failed, failed.State);
        await File.WriteAllTextAsync(flag, "now it works");

        var rerun = await _client.RetryWorkflowAsync(failed.Id!.Value);
        var done = await _client.WaitForWorkflowAsync(rerun.Id!.Value, Wait);

        Assert.Equal(failed.Id, done.RetryOf);
        Assert.Equal(WorkflowState.Succeeded, done.State);
        Assert.Equal(Job(failed, "g", "ok").TaskId, Job(done, "g", "ok").TaskId);
        Assert.NotEqual(Job(failed, "g", "flaky").TaskId, Job(done, "g", "flaky").TaskId);
        Assert.Single(File.ReadAllLines(counter));
        var nothingLeft = await Assert.ThrowsAsync<OverseerApiException>(() => _client.RetryWorkflowAsync(done.Id!.Value));
        Assert.Equal(HttpStatusCode.Conflict, nothingLeft.StatusCode);
        File.Delete(flag);
        File.Delete(counter);
    }

    [Fact]
    public async Task Dry_run_returns_the_plan_with_sources_and_creates_nothing()
    {
        var before = (await _client.ListWorkflowsAsync(limit: 500)).Items.Count;

        var plan = await _client.SubmitWorkflowAsync(WorkflowSamples.ManagedJobSample, dryRun: true);

        Assert.Null(plan.Id);
        Assert.Equal(["FOO", "QUE", "FEE", "POO"], plan.Groups[0].Jobs[0].Params.Env.Select(e => e.Name));
        Assert.Equal(before, (await _client.ListWorkflowsAsync(limit: 500)).Items.Count);
    }

    [Fact]
    public async Task Invalid_workflow_gets_400_naming_each_problem_and_nothing_is_stored()
    {
        var before = (await _client.ListWorkflowsAsync(limit: 500)).Items.Count;

        var error = await Assert.ThrowsAsync<OverseerApiException>(() => _client.SubmitWorkflowAsync(WorkflowSamples.Workflow("""
                - {name: g, jobs: [{name: a, command: ["true"], dependsOn: [g/missing]}, {name: a, command: ["true"]}]}
            """)));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("spec.groups[0].jobs[0].dependsOn[0]", error.Problem!.Errors!.Keys);
        Assert.Contains("spec.groups[0].jobs[1].name", error.Problem.Errors.Keys);
        Assert.Equal(before, (await _client.ListWorkflowsAsync(limit: 500)).Items.Count);
    }

    [Fact]
    public async Task Seed_sample_runs_to_success_and_its_tree_is_served()
    {
        var sample = WorkflowSamples.ManagedJobSample.Replace("[sleep, \"10\"]", "[sleep, \"0.1\"]");
        var submitted = await _client.SubmitWorkflowAsync(sample);

        var run = await _client.WaitForWorkflowAsync(submitted.Id!.Value, Wait);

        Assert.Equal(WorkflowState.Succeeded, run.State);
        Assert.Equal(WorkflowSamples.ManagedJobSampleTree.ReplaceLineEndings("\n"), await _client.GetWorkflowTreeAsync(run.Id!.Value));
        Assert.Contains("Hello world!", await _client.GetLogsAsync(Job(run, "first-group", "first-job").TaskId!.Value));
    }

    [Fact]
    public async Task A_managed_job_job_without_args_is_refused_locally_naming_the_job()
    {
        var error = await Assert.ThrowsAsync<OverseerApiException>(() => _client.SubmitWorkflowAsync(
            ManagedJobFixtures.Quickstart.Replace("          args: [echo, \"Hello, World!\"]\n", "", StringComparison.Ordinal), dryRun: true));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.StartsWith("job 'hello-group/say-hello' needs a command locally", error.Problem!.Errors!["spec.groups[0].jobs[0].task.command"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_with_dots_and_upper_case_run_to_success_under_derived_names()
    {
        var plan = await _client.SubmitWorkflowAsync(WorkflowSamples.DottedNames, dryRun: true);
        Assert.Contains("job name 'Users.Table' runs as 'users-table'", Job(plan, "Extract", "Users.Table").Notes!);

        var run = await _client.WaitForWorkflowAsync((await _client.SubmitWorkflowAsync(WorkflowSamples.DottedNames)).Id!.Value, Wait);

        Assert.Equal(WorkflowState.Succeeded, run.State);
        Assert.Equal("etl.nightly", run.Name);
        var users = Job(run, "Extract", "Users.Table");
        Assert.Equal("etl-nightly-extract-users-table", users.RunsAs);
        Assert.Equal("users\n", await _client.GetLogsAsync(users.TaskId!.Value));
        Assert.Equal("merged again\n", await _client.GetLogsAsync(Job(run, "load_stage", "merge").TaskId!.Value));
        Assert.Equal("etl-nightly-extract-users-table", (await _client.GetTaskAsync(users.TaskId.Value)).Name);
    }

    [Fact]
    public async Task Upstream_parallel_and_quickstart_examples_run_to_success_locally()
    {
        var parallel = await _client.WaitForWorkflowAsync((await _client.SubmitWorkflowAsync(ManagedJobFixtures.Parallel)).Id!.Value, Wait);
        var quickstart = await _client.WaitForWorkflowAsync((await _client.SubmitWorkflowAsync(ManagedJobFixtures.Quickstart)).Id!.Value, Wait);

        Assert.Equal((WorkflowState.Succeeded, WorkflowState.Succeeded), (parallel.State, quickstart.State));
        Assert.Equal("preparing batch-001\n", await _client.GetLogsAsync(Job(parallel, "preparation", "prepare").TaskId!.Value));
        Assert.Equal("batch batch-001 finished\n", await _client.GetLogsAsync(Job(parallel, "finalization", "finalize").TaskId!.Value));
        Assert.Equal("Goodbye, World!\n", await _client.GetLogsAsync(Job(quickstart, "hello-group", "say-goodbye").TaskId!.Value));
    }
}
