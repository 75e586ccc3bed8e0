using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Users;
using Overseer.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Overseer.Dashboard.Tests.Browser;

public sealed class BulkTests : BrowserTest
{
    [Fact]
    public async Task Failed_tasks_selected_in_a_filtered_list_are_retried_together()
    {
        var admin = App.AdminClient();
        var batch = Unique("batch");
        var labels = new Dictionary<string, string> { ["batch"] = batch };
        var failed = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            failed.Add((await admin.SubmitTaskAsync(new TaskSpec { Name = $"{batch}-{i}", Command = ["false"], Labels = labels })).Id);
        }
        foreach (var id in failed)
        {
            await admin.WaitForTerminalAsync(id, TimeSpan.FromSeconds(30));
        }
        var page = await SignInAsync(await CreateUserAsync(UserRoles.Operator), Password);

        await page.GotoAsync("/tasks?label=" + Uri.EscapeDataString($"batch={batch}"));
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(3);
        await page.GetByLabel("Select all tasks on this page").CheckAsync();
        await page.GetByTestId("bulk-retry").ClickAsync();

        await Expect(page.GetByTestId("notice")).ToHaveTextAsync("Retry: 3 done, 0 refused (wrong state), 0 failed.");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(6);
        var retries = (await admin.ListTasksAsync(new TaskQuery { Labels = labels })).Items.Where(t => !failed.Contains(t.Id)).ToList();
        var retryOf = new List<Guid>();
        foreach (var retry in retries)
        {
            retryOf.Add((await admin.GetTaskAsync(retry.Id)).RetryOf!.Value);
        }
        Assert.Equal(failed.Order(), retryOf.Order());
    }
}
