using System.Collections.Concurrent;
using Microsoft.Playwright;
using Overseer.Contracts.Users;

namespace Overseer.Dashboard.Tests.Infrastructure;

/// <summary>
/// Base of the browser tests: the shared <see cref="RunningSystem"/>, fresh browser contexts (separate cookie jars)
/// that are closed after the test, sign-in through the real form, and the console errors each page produced.
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    /// <summary>Password of the users tests create.</summary>
    protected const string Password = "correct horse battery staple";

    private readonly List<IBrowserContext> _contexts = [];

    static BrowserTest() => Assertions.SetDefaultExpectTimeout(15_000);

    /// <summary>The system under test.</summary>
    protected RunningSystem App { get; private set; } = default!;

    /// <summary>Console errors and uncaught exceptions of every page this test opened (CSP violations land here).</summary>
    protected ConcurrentQueue<string> ConsoleErrors { get; } = new();

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => App = await RunningSystem.GetAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>A page in a new, empty browser context.</summary>
    protected async Task<IPage> NewPageAsync()
    {
        var context = await App.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.DashboardUrl, ViewportSize = new() { Width = 1400, Height = 900 } });
        _contexts.Add(context);
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => ConsoleErrors.Enqueue($"{page.Url}: {error}");
        return page;
    }

    /// <summary>Signs in through the form in a new context; answers the overview page.</summary>
    protected async Task<IPage> SignInAsync(string user, string password)
    {
        var page = await NewPageAsync();
        await FillSignInAsync(page, user, password);
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(user.ToLowerInvariant());
        return page;
    }

    /// <summary>Fills and sends the sign-in form.</summary>
    protected static async Task FillSignInAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Signs in as the admin AppHost created (user <c>admin</c>, the admin token as password).</summary>
    protected Task<IPage> SignInAsAdminAsync() => SignInAsync("admin", App.AdminToken);

    /// <summary>Creates a user with <paramref name="role"/> through the Api; answers its name.</summary>
    protected async Task<string> CreateUserAsync(string role)
    {
        var name = Unique(role);
        await App.AdminClient().CreateUserAsync(new CreateUserRequest(name, role, Password));
        return name;
    }

    /// <summary>A name no other test uses (a DNS-1123 label).</summary>
    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];
}
