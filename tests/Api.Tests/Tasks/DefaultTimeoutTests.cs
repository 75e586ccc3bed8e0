using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Client;
using Overseer.Contracts.Queues;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Tests.Tasks;

/// <summary>
/// <c>Tasks:DefaultTimeoutSeconds</c> is the timeout of tasks and workflow jobs that give none; an explicit one wins.
/// <c>Tasks:MaxTimeoutSeconds</c> (3600 here) bounds every timeout and is the timeout of ManagedJob jobs.
/// </summary>
public sealed class DefaultTimeoutTests(ShortTimeoutApiApplication app) : IClassFixture<ShortTimeoutApiApplication>
{
    private readonly OverseerClient _client = app.AdminClient();

    [Fact]
    public async Task Tasks_and_workflow_jobs_without_a_timeout_get_the_configured_default()
    {
        var task = await _client.SubmitTaskAsync(new TaskSpec { Name = "default-timeout", Command = ["true"] });
        var own = await _client.SubmitTaskAsync(new TaskSpec { Name = "own-timeout", Command = ["true"], TimeoutSeconds = 7 });
        var plan = await _client.SubmitWorkflowAsync("""
            apiVersion: overseer.dev/v1
            kind: Workflow
            metadata: { name: timeouts }
            spec:
              groups:
                - name: g
                  jobs:
                    - { name: plain, command: ["true"] }
                    - { name: bounded, command: ["true"], timeoutSeconds: 9 }
            """, dryRun: true);

        Assert.Equal((42, 7), (task.Spec.TimeoutSeconds, own.Spec.TimeoutSeconds));
        Assert.Equal([42, 9], plan.Groups.Single().Jobs.Select(j => j.TimeoutSeconds));
        await _client.WaitForTerminalAsync(task.Id, TimeSpan.FromSeconds(30));
        await _client.WaitForTerminalAsync(own.Id, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Timeouts_up_to_the_deployments_maximum_are_accepted_and_larger_ones_refused_naming_it()
    {
        var longest = await _client.SubmitTaskAsync(new TaskSpec { Name = "hour", Command = ["true"], TimeoutSeconds = 3600 });
        var tooLong = await Assert.ThrowsAsync<OverseerApiException>(() => _client.SubmitTaskAsync(new TaskSpec { Name = "longer", Command = ["true"], TimeoutSeconds = 3601 }));
        var pool = await Assert.ThrowsAsync<OverseerApiException>(() => new QueuesClient(_client.Http).DefineAsync("long-pool", new QueueSpec { Runtime = "external", PoolTimeout = "2h" }));

        Assert.Equal(3600, longest.Spec.TimeoutSeconds);
        Assert.Contains("must be at most 3600 seconds on this deployment", tooLong.Problem!.Errors!["timeoutSeconds"][0]);
        Assert.Contains("must be at most 3600 seconds on this deployment", pool.Problem!.Errors!["poolTimeout"][0]);
        await _client.WaitForTerminalAsync(longest.Id, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Managed_job_jobs_get_the_deployments_maximum_as_their_timeout()
    {
        var plan = await _client.SubmitWorkflowAsync("""
            apiVersion: jobsmanager.raczylo.com/v1beta1
            kind: ManagedJob
            metadata: { name: long-work }
            spec:
              groups: [{ name: g, jobs: [{ name: apply, image: "hashicorp/terraform:1.9", args: [terraform, apply] }] }]
            """, dryRun: true);

        Assert.Equal(3600, plan.Groups.Single().Jobs.Single().TimeoutSeconds);
    }
}
