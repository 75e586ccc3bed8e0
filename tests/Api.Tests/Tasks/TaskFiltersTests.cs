using System.Net;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Tests.Tasks;

public sealed class TaskFiltersTests(ApiApplication app) : IClassFixture<ApiApplication>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly OverseerClient _client = app.AdminClient();

    [Fact]
    public async Task Filters_by_label_name_part_workflow_and_time_range()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        var blue = await _client.SubmitTaskAsync(new TaskSpec
        {
            Name = "filter-alpha-blue", Command = ["true"], Labels = new Dictionary<string, string> { ["team"] = "blue", ["tier"] = "1" },
        });
        var red = await _client.SubmitTaskAsync(new TaskSpec
        {
            Name = "filter-beta-red", Command = ["true"], Labels = new Dictionary<string, string> { ["team"] = "red" },
        });
        var run = await _client.SubmitWorkflowAsync("""
            apiVersion: overseer.dev/v1
            kind: Workflow
            metadata: {name: filtered}
            spec:
              groups: [{name: g, jobs: [{name: one, command: ["true"]}, {name: two, command: ["true"]}]}]
            """);
        await _client.WaitForWorkflowAsync(run.Id!.Value, Wait);

        var byLabel = await _client.ListTasksAsync(new TaskQuery { Labels = new Dictionary<string, string> { ["team"] = "blue" } });
        var byTwoLabels = await _client.ListTasksAsync(new TaskQuery { Labels = new Dictionary<string, string> { ["team"] = "blue", ["tier"] = "2" } });
        var byPart = await _client.ListTasksAsync(new TaskQuery { NameContains = "BETA" });
        var byWorkflow = await _client.ListTasksAsync(new TaskQuery { WorkflowId = run.Id });
        var inRange = await _client.ListTasksAsync(new TaskQuery { NamePrefix = "filter-", CreatedAfter = start, CreatedBefore = DateTimeOffset.UtcNow.AddSeconds(1) });
        var tooEarly = await _client.ListTasksAsync(new TaskQuery { NamePrefix = "filter-", CreatedBefore = start });
        var tooLate = await _client.ListTasksAsync(new TaskQuery { NamePrefix = "filter-", CreatedAfter = DateTimeOffset.UtcNow.AddMinutes(1) });

        Assert.Equal([blue.Id], byLabel.Items.Select(t => t.Id));
        Assert.Empty(byTwoLabels.Items);
        Assert.Equal([red.Id], byPart.Items.Select(t => t.Id));
        Assert.Equal(["filtered-g-one", "filtered-g-two"], byWorkflow.Items.Select(t => t.Name).Order());
        Assert.Equal(new[] { red.Id, blue.Id }.Order(), inRange.Items.Select(t => t.Id).Order());
        Assert.Empty(tooEarly.Items);
        Assert.Empty(tooLate.Items);
    }

    [Theory]
    [InlineData("label=novalue", "label")]
    [InlineData("workflow=nope", "workflow")]
    [InlineData("createdAfter=yesterday", "createdAfter")]
    [InlineData("nameContains=%00", "nameContains")]
    public async Task Bad_filters_are_400_naming_the_parameter(string query, string field)
    {
        var error = await Assert.ThrowsAsync<OverseerApiException>(() => _client.Http.GetFromProblemAsync("api/v1/tasks?" + query));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains(field, error.Problem!.Errors!.Keys);
    }

    [Fact]
    public async Task A_task_written_in_yaml_is_accepted_and_a_dry_run_stores_nothing()
    {
        const string yaml = """
            name: from-yaml
            command: [sh, -c, "echo $GREETING"]
            env: {GREETING: 42}
            retries: 2
            """;

        var plan = await _client.DryRunTaskDocumentAsync(yaml);
        var before = await _client.ListTasksAsync(new TaskQuery { NamePrefix = "from-yaml" });
        var task = await _client.SubmitTaskDocumentAsync(yaml);
        var done = await _client.WaitForTerminalAsync(task.Id, Wait);

        Assert.Equal(("42", 2, TaskSpec.DefaultTimeoutSeconds), (plan.Env["GREETING"], plan.Retries, plan.TimeoutSeconds));
        Assert.Empty(before.Items);
        Assert.Equal(TaskState.Succeeded, done.State);
        Assert.Equal("42\n", await _client.GetLogsAsync(task.Id));
    }

    [Fact]
    public async Task Bad_yaml_tasks_are_400_with_the_field_named()
    {
        var syntax = await Assert.ThrowsAsync<OverseerApiException>(() => _client.DryRunTaskDocumentAsync("name: [unclosed"));
        var unknown = await Assert.ThrowsAsync<OverseerApiException>(() => _client.DryRunTaskDocumentAsync("name: x\ncommand: [true]\nbogus: 1"));
        var invalid = await Assert.ThrowsAsync<OverseerApiException>(() => _client.DryRunTaskDocumentAsync("name: Not_A_Label\ncommand: [true]\ntimeoutSeconds: 604801"));

        var unclosed = await Assert.ThrowsAsync<OverseerApiException>(() => _client.DryRunTaskDocumentAsync("name: x\ncommand: {a: b\nretries: 1\n"));
        var unclosedWorkflow = await Assert.ThrowsAsync<OverseerApiException>(() =>
            _client.SubmitWorkflowAsync("apiVersion: overseer.dev/v1\nkind: Workflow\nmetadata: {name: x\nspec: {}\n", dryRun: true));

        Assert.Contains("body", syntax.Problem!.Errors!.Keys);
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (unclosed.StatusCode, unclosedWorkflow.StatusCode));
        Assert.Contains("not valid YAML at line", unclosedWorkflow.Problem!.Errors!["body"][0], StringComparison.Ordinal);
        Assert.Contains("bogus", unknown.Problem!.Errors!.Keys);
        Assert.Equal(["name", "timeoutSeconds"], invalid.Problem!.Errors!.Keys.Order());
    }
}
