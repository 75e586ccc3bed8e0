using Dapper;
using Npgsql;
using Overseer.Contracts.Tasks;
using Overseer.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Overseer.Dashboard.Tests.Browser;

public sealed class EscapingTests : BrowserTest
{
    private const string ScriptName = "<script>alert(1)</script>";

    [Fact]
    public async Task Untrusted_names_reasons_annotations_and_logs_are_shown_as_text_and_never_run()
    {
        // The Api only accepts DNS-1123 names, so this one goes straight into the database, as a bug or another writer might.
        var hostile = await InsertTaskAsync(ScriptName, "<img src=x onerror=alert(2)>");
        var logged = await App.AdminClient().SubmitTaskAsync(new TaskSpec
        {
            Name = Unique("hostile-log"), Command = ["sh", "-c", "echo '<script>alert(3)</script>'"],
            Annotations = new Dictionary<string, string> { ["note"] = "<b onmouseover=alert(4)>bold</b>" },
        });
        await App.AdminClient().WaitForTerminalAsync(logged.Id, TimeSpan.FromSeconds(30));
        var page = await SignInAsAdminAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };

        await page.GotoAsync("/tasks?name=" + Uri.EscapeDataString("<script>"));
        await Expect(page.Locator(".task-name")).ToHaveTextAsync([ScriptName]);
        await page.GotoAsync("/");
        await Expect(page.GetByTestId("recent-failures")).ToContainTextAsync(ScriptName);
        await page.GotoAsync($"/tasks/{hostile}");
        await Expect(page.GetByTestId("task-name")).ToHaveTextAsync(ScriptName);
        await Expect(page.GetByTestId("task-reason")).ToHaveTextAsync("<img src=x onerror=alert(2)>");
        await Expect(page.Locator("main img")).ToHaveCountAsync(0);
        await page.GotoAsync($"/tasks/{logged.Id}");
        await Expect(page.GetByTestId("log")).ToHaveTextAsync("<script>alert(3)</script>\n");
        await Expect(page.GetByTestId("spec")).ToContainTextAsync("<b onmouseover=alert(4)>bold</b>");

        Assert.Equal(0, dialogs);
        Assert.Equal(2, await page.Locator("script").CountAsync());
        Assert.Equal(0, await page.Locator("main b").CountAsync());
    }

    private async Task<Guid> InsertTaskAsync(string name, string reason)
    {
        var id = Guid.CreateVersion7();
        var spec = System.Text.Json.JsonSerializer.Serialize(new TaskSpec { Name = name, Command = ["true"] }, Contracts.Json.ContractsJson.Lenient.TaskSpec);
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.ExecuteAsync("""
            INSERT INTO tasks (id, name, kind, state, spec, retries, finished_at, reason) VALUES (@id, @name, 'task', 'Failed', @spec::jsonb, 0, now(), @reason);
            INSERT INTO task_transitions (task_id, attempt, from_state, to_state, actor, reason) VALUES (@id, 0, NULL, 'Failed', 'test', @reason);
            """, new { id, name, spec, reason });
        return id;
    }
}
