using Overseer.Contracts.Tasks;
using Overseer.Contracts.Workflows;
using Overseer.Dashboard.Components.Shared;
using Overseer.Testing;

namespace Overseer.Dashboard.Tests.Components;

public sealed class StateBadgeTests
{
    public static TheoryData<TaskState> TaskStates => [.. Enum.GetValues<TaskState>()];

    [Theory]
    [MemberData(nameof(TaskStates))]
    public async Task Every_task_state_has_a_badge_with_its_name_and_its_own_colours(TaskState state)
    {
        var document = await Render.ComponentAsync<StateBadge>(("State", state));

        var badge = document.QuerySelector("span.badge")!;
        Assert.Equal(state.ToString(), badge.TextContent);
        Assert.Equal(["badge", "state", $"state-{state}"], badge.ClassList);
        Assert.Equal(state.ToString(), badge.GetAttribute("data-state"));
        Assert.Contains($".state-{state}", await Css(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_workflow_state_and_attempt_state_has_colours()
    {
        var css = await Css();
        foreach (var state in Enum.GetValues<WorkflowState>())
        {
            var document = await Render.ComponentAsync<WorkflowStateBadge>(("State", state));
            Assert.Equal(state.ToString(), document.QuerySelector("span.badge")!.TextContent);
            Assert.Contains($".wstate-{state}", css, StringComparison.Ordinal);
        }
        Assert.All(Enum.GetNames<AttemptState>(), name => Assert.Contains($".state-{name}", css, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failure_badge_names_the_type_and_explains_it_and_is_empty_without_one()
    {
        var timeout = await Render.ComponentAsync<FailureBadge>(("Type", (FailureType?)FailureType.Timeout));
        var none = await Render.ComponentAsync<FailureBadge>(("Type", (FailureType?)null));

        Assert.Equal("Timeout", timeout.QuerySelector(".badge.failure-Timeout")!.TextContent);
        Assert.Contains("timeout", timeout.QuerySelector(".badge")!.GetAttribute("title")!, StringComparison.Ordinal);
        Assert.Empty(none.QuerySelectorAll(".badge"));
    }

    private static Task<string> Css() => File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "Dashboard", "wwwroot", "app.css"));
}
