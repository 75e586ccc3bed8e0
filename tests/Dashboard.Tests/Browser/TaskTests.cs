using Microsoft.Playwright;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Users;
using Overseer.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Overseer.Dashboard.Tests.Browser;

public sealed class TaskTests : BrowserTest
{
    [Fact]
    public async Task A_running_task_tails_its_log_live_and_is_cancelled_from_its_page()
    {
        var admin = App.AdminClient();
        var task = await admin.SubmitTaskAsync(new TaskSpec
        {
            Name = Unique("ticker"), Command = ["sh", "-c", "i=0; while [ $i -lt 200 ]; do i=$((i+1)); echo tick $i; sleep 0.2; done"],
        });
        var page = await SignInAsync(await CreateUserAsync(UserRoles.Operator), Password);

        await page.GotoAsync($"/tasks/{task.Id}");
        await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");
        await Expect(page.GetByTestId("log")).ToContainTextAsync("tick 8");
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        await Expect(page.GetByTestId("log-status")).ToHaveTextAsync("live");
        await Expect(page.GetByTestId("task-live")).ToHaveAttributeAsync("data-state", nameof(TaskState.Running));
        await page.GetByTestId("cancel").ClickAsync();

        await Expect(page.GetByTestId("notice")).ToHaveTextAsync("Cancel requested.");
        await Expect(page.GetByTestId("task-live")).ToHaveAttributeAsync("data-state", nameof(TaskState.Cancelled));
        var ended = await admin.WaitForTerminalAsync(task.Id, TimeSpan.FromSeconds(30));
        Assert.Equal((TaskState.Cancelled, AttemptState.Cancelled), (ended.State, ended.Attempts.Single().State));
        await Expect(page.Locator(".timeline-item[data-state=Cancelled]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_task_waiting_for_its_retry_says_why_and_its_stored_log_downloads_in_full()
    {
        var admin = App.AdminClient();
        var task = await admin.SubmitTaskAsync(new TaskSpec
        {
            Name = Unique("backoff"), Command = ["sh", "-c", "echo first try; exit 3"], Retries = 1,
            Backoff = new BackoffSpec { InitialSeconds = 600, MaxSeconds = 600 },
        });
        var page = await SignInAsAdminAsync();

        await page.GotoAsync($"/tasks/{task.Id}");
        await Expect(page.GetByTestId("waiting-reason")).ToContainTextAsync("retry backoff");
        await Expect(page.GetByTestId("attempts").Locator("tr[data-attempt='1']")).ToContainTextAsync("Application");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("log-download").ClickAsync());
        var path = await download.PathAsync();

        Assert.Equal("first try\n", await File.ReadAllTextAsync(path));
        Assert.Equal("first try\n", await admin.GetLogsAsync(task.Id, 1));
        await admin.CancelTaskAsync(task.Id);
    }
}
