using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Overseer.Contracts.Users;
using Overseer.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Overseer.Dashboard.Tests.Browser;

public sealed partial class WorkflowTests : BrowserTest
{
    [Fact]
    public async Task A_submitted_workflow_runs_to_its_end_on_screen_without_a_reload_and_a_node_opens_its_task_and_log()
    {
        var name = Unique("wf");
        var page = await SignInAsync(await CreateUserAsync(UserRoles.Operator), Password);
        await page.GotoAsync("/submit");
        await page.Locator("#document").FillAsync($$"""
            apiVersion: overseer.dev/v1
            kind: Workflow
            metadata: {name: {{name}}}
            spec:
              groups:
                - name: extract
                  jobs:
                    - {name: users, command: [sh, -c, "sleep 1; echo hello from users"], parallel: true}
                    - {name: orders, command: [sh, -c, "sleep 1; echo hello from orders"], parallel: true}
                - name: load
                  jobs:
                    - {name: merge, command: [sh, -c, "sleep 1; echo hello from merge"]}
            """);

        await page.GetByTestId("submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(RunUrl());
        await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");
        await Expect(page.GetByTestId("workflow-live")).ToHaveAttributeAsync("data-state", "Running");
        await Expect(page.GetByTestId("workflow-live")).ToHaveAttributeAsync("data-state", "Succeeded", new() { Timeout = 60_000 });

        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        await Expect(page.Locator("a.dag-node[data-state=Succeeded]")).ToHaveCountAsync(3);
        await Expect(page.Locator(".dag-lane")).ToHaveCountAsync(2);
        await page.GetByTestId("tree-link").ClickAsync();
        await Expect(page.GetByTestId("tree")).ToContainTextAsync("Depends on group: extract");
        await page.GoBackAsync();
        await page.Locator("a.dag-node[data-address='load/merge']").ClickAsync();
        await Expect(page.GetByTestId("task-name")).ToHaveTextAsync($"{name}-load-merge");
        await Expect(page.GetByTestId("log")).ToHaveTextAsync("hello from merge\n");
    }

    [GeneratedRegex("/workflows/[0-9a-f-]{36}$")]
    private static partial Regex RunUrl();
}
