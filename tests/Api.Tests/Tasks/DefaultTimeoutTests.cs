using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Tests.Tasks;

/// <summary><c>Tasks:DefaultTimeoutSeconds</c> is the timeout of tasks and workflow jobs that give none; an explicit one wins.</summary>
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
}
