using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Overseer.Contracts.Users;
using Overseer.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Overseer.Dashboard.Tests.Browser;

public sealed partial class SubmitTests : BrowserTest
{
    [Fact]
    public async Task An_invalid_workflow_shows_each_error_against_its_line_and_keeps_the_text()
    {
        var name = Unique("bad");
        var document = $$"""
            apiVersion: overseer.dev/v1
            kind: Workflow
            metadata: {name: {{name}}}
            spec:
              groups:
                - name: first
                  jobs:
                    - name: ""
                      command: [sh, -c, "true"]
                    - name: second
                      command: [sh, -c, "true"]
                      dependsOn: [first/missing]
            """;
        var page = await SignInAsync(await CreateUserAsync(UserRoles.Operator), Password);
        await page.GotoAsync("/submit");
        await page.Locator("#document").FillAsync(document);

        await page.GetByTestId("dry-run").ClickAsync();

        await Expect(page.GetByTestId("document-errors")).ToBeVisibleAsync();
        await Expect(page.Locator("li.doc-line[data-line='8']")).ToHaveClassAsync(HasProblem());
        await Expect(page.Locator("li.doc-line[data-line='8'] [data-testid=line-problems]")).ToContainTextAsync("spec.groups[0].jobs[0].name");
        await Expect(page.Locator("li.doc-line[data-line='12'] [data-testid=line-problems]")).ToContainTextAsync("'first/missing' is not a job of this workflow");
        await Expect(page.Locator("li.doc-line.has-problem")).ToHaveCountAsync(2);
        await Expect(page.Locator("#document")).ToHaveValueAsync(document);
        await Expect(page.Locator("#document")).ToHaveAttributeAsync("aria-describedby", "document-problems");
        Assert.DoesNotContain((await App.AdminClient().ListWorkflowsAsync(limit: 100)).Items, w => w.Name == name);
    }

    [Fact]
    public async Task Broken_yaml_is_reported_at_its_line()
    {
        var page = await SignInAsync(await CreateUserAsync(UserRoles.Operator), Password);
        await page.GotoAsync("/submit");
        await page.Locator("#document").FillAsync("apiVersion: overseer.dev/v1\nkind: Workflow\nmetadata: {name: x\nspec: {}\n");

        await page.GetByTestId("submit").ClickAsync();

        await Expect(page.GetByTestId("document-errors")).ToContainTextAsync("not valid YAML");
        await Expect(page.Locator("li.doc-line.has-problem")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_dry_run_shows_the_plan_with_the_source_of_each_param_and_stores_nothing()
    {
        var name = Unique("plan");
        var page = await SignInAsync(await CreateUserAsync(UserRoles.Operator), Password);
        await page.GotoAsync("/submit");
        await page.Locator("#document").FillAsync($$$"""
            apiVersion: overseer.dev/v1
            kind: Workflow
            metadata: {name: {{{name}}}}
            spec:
              params: {env: [{name: STAGE, value: prod}, {name: REGION, value: eu}]}
              groups:
                - name: only
                  params: {env: [{name: REGION, value: us}]}
                  jobs:
                    - {name: one, command: ["true"], params: {env: [{name: STAGE, value: dev}]}}
            """);

        await page.GetByTestId("dry-run").ClickAsync();

        var plan = page.GetByTestId("workflow-plan");
        await Expect(plan.Locator("g.dag-node[data-address='only/one']")).ToHaveCountAsync(1);
        await plan.Locator("summary", new() { HasText = "params" }).ClickAsync();
        await Expect(plan.Locator("details tbody tr", new() { HasText = "STAGE" })).ToContainTextAsync("dev");
        await Expect(plan.Locator("details tbody tr", new() { HasText = "STAGE" }).Locator(".source")).ToHaveTextAsync("job");
        await Expect(plan.Locator("details tbody tr", new() { HasText = "REGION" }).Locator(".source")).ToHaveTextAsync("group");
        Assert.DoesNotContain((await App.AdminClient().ListWorkflowsAsync(limit: 100)).Items, w => w.Name == name);
    }

    [Fact]
    public async Task An_uploaded_task_file_is_submitted_and_opens_the_new_task()
    {
        var name = Unique("uploaded");
        var page = await SignInAsync(await CreateUserAsync(UserRoles.Operator), Password);
        await page.GotoAsync("/submit");
        await page.Locator("#document").FillAsync("");

        await page.GetByLabel("Or upload a file").SetInputFilesAsync(new FilePayload
        {
            Name = "task.yaml", MimeType = "application/yaml",
            Buffer = System.Text.Encoding.UTF8.GetBytes($"name: {name}\ncommand: [sh, -c, 'echo uploaded']\n"),
        });
        await page.GetByTestId("submit").ClickAsync();

        await Expect(page.GetByTestId("task-name")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("log")).ToHaveTextAsync("uploaded\n");
    }

    [GeneratedRegex("has-problem")]
    private static partial Regex HasProblem();
}
