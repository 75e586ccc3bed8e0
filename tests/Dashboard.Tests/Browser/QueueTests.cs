using System.Text.Json;
using Overseer.Contracts.Client;
using Overseer.Contracts.Queues;
using Overseer.Contracts.Users;
using Overseer.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Overseer.Dashboard.Tests.Browser;

public sealed class QueueTests : BrowserTest
{
    [Fact]
    public async Task Queues_page_shows_depth_oldest_item_and_why_no_pool_runs()
    {
        var queues = new QueuesClient(App.AdminClient().Http);
        var paused = Unique("paused");
        var empty = Unique("empty");
        await queues.DefineAsync(paused, new QueueSpec { Command = ["true"] });
        await queues.PauseAsync(paused);
        await queues.EnqueueAsync(paused, [.. Enumerable.Range(0, 3).Select(n => new EnqueueItem { Payload = JsonSerializer.SerializeToElement(n) })]);
        await queues.DefineAsync(empty, new QueueSpec { Runtime = QueueDefaults.ExternalRuntime });
        var page = await SignInAsync(await CreateUserAsync(UserRoles.Viewer), Password);

        await page.GotoAsync("/queues");

        var pausedRow = page.Locator($"tr[data-queue='{paused}']");
        await Expect(pausedRow.Locator("td").Nth(1)).ToHaveTextAsync("3");
        await Expect(pausedRow.Locator("td").Nth(2)).Not.ToHaveTextAsync("–");
        await Expect(pausedRow.Locator("td").Nth(3)).ToHaveTextAsync("paused");
        await Expect(page.Locator($"tr[data-queue='{empty}'] td").Nth(3)).ToContainTextAsync("runtimes run outside Overseer");
        await Expect(page.GetByTestId("queues-unavailable")).ToHaveCountAsync(0);
        await queues.DeleteAsync(paused, force: true);
        await queues.DeleteAsync(empty, force: true);
    }

    [Fact]
    public async Task Operator_enqueues_a_test_item_pauses_resumes_and_requeues_a_dead_item_while_a_viewer_only_reads()
    {
        var queues = new QueuesClient(App.AdminClient().Http);
        var name = Unique("ops");
        await queues.DefineAsync(name, new QueueSpec { Runtime = QueueDefaults.ExternalRuntime, MaxAttempts = 1 });
        var token = await queues.CreateTokenAsync(name, "dying");
        var runtime = new QueueRuntimeClient(new HttpClient
        {
            BaseAddress = App.AdminClient().Http.BaseAddress,
            DefaultRequestHeaders = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Token) },
        }, name);
        var doomed = await queues.EnqueueAsync(name, new EnqueueItem { Payload = JsonSerializer.SerializeToElement(new { n = "<b>doomed</b>" }) });
        var claimed = Assert.Single((await runtime.ClaimAsync(1)).Items);
        await runtime.NackAsync([new NackItem { Id = doomed, LeaseToken = claimed.LeaseToken, Error = "<script>alert(1)</script>" }]);

        var viewer = await SignInAsync(await CreateUserAsync(UserRoles.Viewer), Password);
        await viewer.GotoAsync("/queues");
        await viewer.Locator($"tr[data-queue='{name}'] a").ClickAsync();
        await Expect(viewer.GetByTestId("queue-name")).ToHaveTextAsync(name);
        await Expect(viewer.Locator($"tr[data-item='{doomed}'] td").Nth(2)).ToHaveTextAsync("<script>alert(1)</script>");
        await Expect(viewer.GetByTestId("enqueue-form")).ToHaveCountAsync(0);
        await Expect(viewer.GetByTestId("pause")).ToHaveCountAsync(0);
        await Expect(viewer.GetByTestId($"requeue-{doomed}")).ToHaveCountAsync(0);
        var antiforgery = await viewer.Locator("form[action='/account/logout'] input[name=__RequestVerificationToken]").GetAttributeAsync("value");
        var forged = await viewer.APIRequest.PostAsync($"/actions/queues/{name}/items/{doomed}/requeue",
            new() { Form = AccountTests.Form(viewer, ("__RequestVerificationToken", antiforgery!)) });
        Assert.Equal(403, forged.Status);
        Assert.Equal("dead", (await queues.ListItemsAsync(name)).Single(i => i.Id == doomed).State);

        var page = await SignInAsync(await CreateUserAsync(UserRoles.Operator), Password);
        await page.GotoAsync($"/queues/{name}");
        await page.GetByLabel("Payload (JSON)").FillAsync("""{"test": true}""");
        await page.GetByTestId("enqueue").ClickAsync();
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("enqueued");
        await Expect(page.Locator("[data-stat='available']")).ToHaveTextAsync("1");

        await page.GetByLabel("Payload (JSON)").FillAsync("{not json");
        await page.GetByTestId("enqueue").ClickAsync();
        await Expect(page.GetByTestId("notice")).ToHaveTextAsync("The payload is not JSON.");
        await Expect(page.Locator("[data-stat='available']")).ToHaveTextAsync("1");

        await page.GetByTestId("pause").ClickAsync();
        await Expect(page.GetByTestId("queue-state")).ToHaveAttributeAsync("data-paused", "true");
        Assert.True((await queues.GetAsync(name)).Paused);
        await page.GetByTestId("resume").ClickAsync();
        await Expect(page.GetByTestId("queue-state")).ToHaveAttributeAsync("data-paused", "false");

        await page.GetByTestId($"requeue-{doomed}").ClickAsync();
        await Expect(page.GetByTestId("notice")).ToContainTextAsync($"Item {doomed} requeued");
        await Expect(page.GetByTestId("dead-none")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-stat='available']")).ToHaveTextAsync("2");
        var items = await queues.ListItemsAsync(name);
        Assert.Equal(("available", 0), (items.Single(i => i.Id == doomed).State, items.Single(i => i.Id == doomed).Attempts));
        Assert.Contains(items, i => i.Id != doomed && i.Payload.GetProperty("test").GetBoolean());
        await queues.DeleteAsync(name, force: true);
    }

    [Fact]
    public async Task Tasks_page_filtered_by_queue_lists_that_queues_pool_tasks_only()
    {
        var queues = new QueuesClient(App.AdminClient().Http);
        var name = Unique("pools");
        await queues.DefineAsync(name, new QueueSpec { Command = ["true"], IdleTimeout = "1s" });
        await queues.EnqueueAsync(name, new EnqueueItem { Payload = JsonSerializer.SerializeToElement(1) });
        Guid? pool = null;
        await Overseer.Testing.Eventually.TrueAsync(async () => (pool = (await queues.GetAsync(name)).Pool.LastPoolTaskId ?? (await queues.GetAsync(name)).Pool.TaskId) is not null,
            TimeSpan.FromSeconds(60), "a pool task");
        var other = await App.AdminClient().SubmitTaskAsync(new Contracts.Tasks.TaskSpec { Name = Unique("not-a-pool"), Command = ["true"] });
        var page = await SignInAsAdminAsync();

        await page.GotoAsync($"/queues/{name}");
        await page.GetByTestId("pool-tasks").ClickAsync();

        await Expect(page.Locator($"tr[data-task-id='{pool}']")).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-task-id]")).ToHaveCountAsync(1);
        await Expect(page.Locator($"tr[data-task-id='{other.Id}']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#filter-queue")).ToHaveValueAsync(name);
        await queues.DeleteAsync(name, force: true);
    }

    [Fact]
    public async Task Unknown_queue_page_says_so()
    {
        var page = await SignInAsAdminAsync();

        await page.GotoAsync("/queues/no-such-queue");

        await Expect(page.GetByTestId("queue-missing")).ToBeVisibleAsync();
    }
}
