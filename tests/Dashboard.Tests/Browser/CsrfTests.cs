using Microsoft.Playwright;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Users;
using Overseer.Dashboard.Tests.Infrastructure;
using Overseer.Testing;
using static Microsoft.Playwright.Assertions;

namespace Overseer.Dashboard.Tests.Browser;

public sealed class CsrfTests : BrowserTest
{
    [Fact]
    public async Task A_page_on_another_port_of_the_same_host_cannot_cancel_a_signed_in_operators_running_task()
    {
        var admin = App.AdminClient();
        var task = await admin.SubmitTaskAsync(new TaskSpec { Name = Unique("victim"), Command = ["sleep", "300"] });
        await Eventually.TrueAsync(async () => (await admin.GetTaskAsync(task.Id)).State == TaskState.Running, TimeSpan.FromSeconds(60), "the task to run");
        var page = await SignInAsync(await CreateUserAsync(UserRoles.Operator), Password);
        var target = $"{App.DashboardUrl}/actions/tasks/{task.Id}/cancel";
        using var attacker = ForeignSite.Serve($"""
            <!doctype html><html><body>
            <form id="f" method="post" action="{target}"><input type="hidden" name="returnUrl" value="/"></form>
            <script>document.getElementById('f').submit();</script>
            </body></html>
            """);
        var sent = new TaskCompletionSource<IRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Request += (_, request) =>
        {
            if (request.Url == target)
            {
                sent.TrySetResult(request);
            }
        };

        var response = await page.RunAndWaitForResponseAsync(() => page.GotoAsync(attacker.Url), target);

        var cookies = (await (await sent.Task).AllHeadersAsync()).GetValueOrDefault("cookie") ?? "";
        Assert.Contains("overseer_session=", cookies); // SameSite=Strict did not stop it: another port is the same site
        Assert.Equal("POST", response.Request.Method);
        Assert.Equal(400, response.Status);
        await Task.Delay(1000);
        Assert.Equal(TaskState.Running, (await admin.GetTaskAsync(task.Id)).State);
        await page.GotoAsync($"/tasks/{task.Id}");
        await Expect(page.GetByTestId("task-live")).ToHaveAttributeAsync("data-state", nameof(TaskState.Running));
        await admin.CancelTaskAsync(task.Id);
    }
}
