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
}
