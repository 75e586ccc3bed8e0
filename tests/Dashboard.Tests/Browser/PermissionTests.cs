using Microsoft.Playwright;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Users;
using Overseer.Dashboard.Tests.Infrastructure;
using Overseer.Testing;
using static Microsoft.Playwright.Assertions;

namespace Overseer.Dashboard.Tests.Browser;

public sealed class PermissionTests : BrowserTest
{
    [Fact]
    public async Task Viewer_sees_no_actions_and_a_forged_cancel_is_refused_while_an_operator_cancels()
    {
        var admin = App.AdminClient();
        var task = await admin.SubmitTaskAsync(new TaskSpec { Name = Unique("guarded"), Command = ["sleep", "60"] });
        var viewer = await SignInAsync(await CreateUserAsync(UserRoles.Viewer), Password);

        await viewer.GotoAsync($"/tasks/{task.Id}");
        await Expect(viewer.GetByTestId("task-live")).ToBeVisibleAsync();
        await Expect(viewer.GetByTestId("cancel")).ToHaveCountAsync(0);
        await Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Submit" })).ToHaveCountAsync(0);
        await viewer.GotoAsync("/tasks");
        await Expect(viewer.GetByTestId("bulk-cancel")).ToHaveCountAsync(0);
        var token = await viewer.Locator("form[action='/account/logout'] input[name=__RequestVerificationToken]").GetAttributeAsync("value");
        var forged = await viewer.APIRequest.PostAsync($"/actions/tasks/{task.Id}/cancel",
            new() { Form = AccountTests.Form(viewer, ("__RequestVerificationToken", token!)) });
        var submitPage = await viewer.GotoAsync("/submit");

        Assert.Equal(403, forged.Status);
        Assert.Equal(403, submitPage!.Status);
        Assert.False((await admin.GetTaskAsync(task.Id)).CancelRequested);

        var @operator = await SignInAsync(await CreateUserAsync(UserRoles.Operator), Password);
        await @operator.GotoAsync($"/tasks/{task.Id}");
        await @operator.GetByTestId("cancel").ClickAsync();
        await Expect(@operator.GetByTestId("notice")).ToHaveTextAsync("Cancel requested.");
        await Expect(@operator.GetByTestId("task-live")).ToHaveAttributeAsync("data-state", nameof(TaskState.Cancelled));
        Assert.Equal(TaskState.Cancelled, (await admin.WaitForTerminalAsync(task.Id, TimeSpan.FromSeconds(30))).State);
    }

    [Fact]
    public async Task Operator_cannot_open_admin_pages_nor_post_admin_actions()
    {
        var @operator = await SignInAsync(await CreateUserAsync(UserRoles.Operator), Password);

        var users = await @operator.GotoAsync("/admin/users");
        await Expect(@operator.GetByTestId("forbidden")).ToBeVisibleAsync();
        await Expect(@operator.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        var token = await @operator.Locator("form[action='/account/logout'] input[name=__RequestVerificationToken]").GetAttributeAsync("value");
        var demote = await @operator.APIRequest.PostAsync("/actions/users/admin",
            new() { Form = AccountTests.Form(@operator, ("__RequestVerificationToken", token!), ("role", UserRoles.Viewer)) });

        Assert.Equal(403, users!.Status);
        Assert.Equal(403, demote.Status);
        Assert.Contains(await App.AdminClient().ListUsersAsync(), u => u.Name == "admin" && u.Role == UserRoles.Admin);
    }

    [Fact]
    public async Task Admin_changing_a_role_signs_that_user_out_at_once()
    {
        var name = await CreateUserAsync(UserRoles.Operator);
        var user = await SignInAsync(name, Password);
        var admin = await SignInAsAdminAsync();

        await admin.GotoAsync("/admin/users");
        var row = admin.Locator($"tr[data-user='{name}']");
        await row.GetByLabel($"Role of {name}").SelectOptionAsync(UserRoles.Viewer);
        await row.GetByRole(AriaRole.Button, new() { Name = "Set role" }).ClickAsync();
        await Expect(admin.GetByTestId("notice")).ToContainTextAsync("User changed");

        await user.GotoAsync("/tasks");
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Eventually.TrueAsync(async () => (await App.AdminClient().ListUsersAsync()).Single(u => u.Name == name).Role == UserRoles.Viewer,
            TimeSpan.FromSeconds(5), "role changed");
    }
}
