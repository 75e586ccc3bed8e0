using System.Text.Json;
using Microsoft.Playwright;
using Overseer.Contracts.Tasks;
using Overseer.Dashboard.Tests.Infrastructure;
using Overseer.Testing;
using static Microsoft.Playwright.Assertions;

namespace Overseer.Dashboard.Tests.Browser;

/// <summary>
/// Every page passes axe-core (no serious or critical violation) and runs without console errors, which is also where
/// CSP violations would show. With <c>OVERSEER_SCREENSHOTS=DIR</c> each page is also saved as <c>DIR/&lt;page&gt;.png</c>
/// (docs/screenshots is made that way).
/// </summary>
public sealed class AccessibilityTests : BrowserTest
{
    private static readonly SemaphoreSlim SampleGate = new(1, 1);
    private static Sample? _sample;

    public static TheoryData<string> Pages => new()
    {
        "login", "overview", "tasks", "task", "task-running", "workflows", "workflow", "tree", "queues", "queue", "submit", "submit-errors", "submit-plan",
        "users", "tokens",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_passes_axe_without_serious_or_critical_violations_and_without_console_errors(string name)
    {
        var sample = await SampleAsync();
        var page = name == "login" ? await NewPageAsync() : await SignInAsAdminAsync();

        await OpenAsync(page, name, sample);
        var violations = await AxeAsync(page);
        await ScreenshotAsync(page, name);

        var serious = violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Targets)}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        Assert.True(ConsoleErrors.IsEmpty, string.Join("\n", ConsoleErrors));
    }

    private static async Task OpenAsync(IPage page, string name, Sample sample)
    {
        switch (name)
        {
            case "login":
                await page.GotoAsync("/login?failed=1");
                break;
            case "overview":
                await page.GotoAsync("/");
                await Expect(page.GetByTestId("throughput")).ToBeVisibleAsync();
                break;
            case "tasks":
                await page.GotoAsync("/tasks");
                break;
            case "task":
                await page.GotoAsync($"/tasks/{sample.FailedTask}");
                break;
            case "task-running":
                await page.GotoAsync($"/tasks/{sample.RunningTask}");
                await Expect(page.GetByTestId("log")).ToContainTextAsync("working");
                break;
            case "workflows":
                await page.GotoAsync("/workflows");
                break;
            case "workflow":
                await page.GotoAsync($"/workflows/{sample.Workflow}");
                break;
            case "tree":
                await page.GotoAsync($"/workflows/{sample.Workflow}/tree");
                break;
            case "queues":
                await page.GotoAsync("/queues");
                break;
            case "queue":
                await page.GotoAsync($"/queues/{sample.Queue}");
                await Expect(page.GetByTestId("dead-items")).ToBeVisibleAsync();
                break;
            case "submit":
                await page.GotoAsync("/submit");
                break;
            case "submit-errors":
                await page.GotoAsync("/submit");
                await page.Locator("#document").FillAsync("apiVersion: overseer.dev/v1\nkind: Workflow\nmetadata: {name: \"\"}\nspec:\n  groups: []\n");
                await page.GetByTestId("dry-run").ClickAsync();
                await Expect(page.GetByTestId("document-errors")).ToBeVisibleAsync();
                break;
            case "submit-plan":
                await page.GotoAsync("/submit");
                await page.GetByTestId("dry-run").ClickAsync();
                await Expect(page.GetByTestId("workflow-plan")).ToBeVisibleAsync();
                break;
            case "users":
                await page.GotoAsync("/admin/users");
                break;
            case "tokens":
                await page.GotoAsync("/admin/tokens");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "no such page");
        }
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
    }

    private static async Task<IReadOnlyList<Violation>> AxeAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, which the page's CSP does not govern; the page itself stays strict.
        await page.EvaluateAsync(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "tests", "Dashboard.Tests", "node_modules", "axe-core", "axe.min.js")));
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }))
            """);
        return [.. result.EnumerateArray().Select(v => new Violation(v.GetProperty("id").GetString()!, v.GetProperty("impact").GetString(),
            v.GetProperty("help").GetString()!, [.. v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!)]))];
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("OVERSEER_SCREENSHOTS") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
        }
    }

    private async Task<Sample> SampleAsync()
    {
        await SampleGate.WaitAsync();
        try
        {
            return _sample ??= await Sample.CreateAsync(App.AdminClient(), Unique("a11y"));
        }
        finally
        {
            SampleGate.Release();
        }
    }

    private sealed record Violation(string Id, string? Impact, string Help, IReadOnlyList<string> Targets);

    private sealed record Sample(Guid FailedTask, Guid RunningTask, Guid Workflow, string Queue)
    {
        public static async Task<Sample> CreateAsync(Contracts.Client.OverseerClient api, string name)
        {
            var failed = await api.SubmitTaskAsync(new TaskSpec
            {
                Name = name + "-fails", Command = ["sh", "-c", "echo starting; echo 'something broke' >&2; exit 2"],
                Labels = new Dictionary<string, string> { ["team"] = "blue" },
            });
            var running = await api.SubmitTaskAsync(new TaskSpec { Name = name + "-runs", Command = ["sh", "-c", "echo working; sleep 600"] });
            var run = await api.SubmitWorkflowAsync($$"""
                apiVersion: overseer.dev/v1
                kind: Workflow
                metadata: {name: {{name}}}
                spec:
                  params: {env: [{name: STAGE, value: prod}]}
                  groups:
                    - name: extract
                      jobs:
                        - {name: users, command: [sh, -c, "echo users"], parallel: true}
                        - {name: orders, command: [sh, -c, "echo orders"], parallel: true}
                    - name: load
                      jobs:
                        - {name: merge, command: [sh, -c, "exit 1"]}
                        - {name: index, command: [sh, -c, "echo index"]}
                """);
            await api.WaitForTerminalAsync(failed.Id, TimeSpan.FromSeconds(30));
            await api.WaitForWorkflowAsync(run.Id!.Value, TimeSpan.FromSeconds(60));
            await Eventually.TrueAsync(async () => (await api.GetTaskAsync(running.Id)).State == TaskState.Running, TimeSpan.FromSeconds(30), "sample task running");
            return new Sample(failed.Id, running.Id, run.Id.Value, await DeadItemQueueAsync(api, name));
        }

        /// <summary>A queue without a pool holding one available and one dead item.</summary>
        private static async Task<string> DeadItemQueueAsync(Contracts.Client.OverseerClient api, string name)
        {
            var queues = new Contracts.Client.QueuesClient(api.Http);
            var queue = name + "-q";
            await queues.DefineAsync(queue, new Contracts.Queues.QueueSpec { Runtime = Contracts.Queues.QueueDefaults.ExternalRuntime, MaxAttempts = 1 });
            var token = await queues.CreateTokenAsync(queue, "a11y");
            var runtime = new Contracts.Client.QueueRuntimeClient(new HttpClient
            {
                BaseAddress = api.Http.BaseAddress,
                DefaultRequestHeaders = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Token) },
            }, queue);
            var dead = await queues.EnqueueAsync(queue, new Contracts.Queues.EnqueueItem { Payload = JsonSerializer.SerializeToElement(new { order = 42 }) });
            var claimed = (await runtime.ClaimAsync(1)).Items.Single();
            await runtime.NackAsync([new Contracts.Queues.NackItem { Id = dead, LeaseToken = claimed.LeaseToken, Error = "payment service said no" }]);
            await queues.EnqueueAsync(queue, new Contracts.Queues.EnqueueItem { Payload = JsonSerializer.SerializeToElement(new { order = 43 }) });
            return queue;
        }
    }
}
