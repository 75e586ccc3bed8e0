using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Overseer.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Overseer.Dashboard.Tests.Browser;

public sealed partial class AccountTests : BrowserTest
{
    private const string SessionCookie = "overseer_session";

    [Fact]
    public async Task Wrong_password_is_refused_and_the_right_one_signs_in_with_an_http_only_strict_session_cookie()
    {
        var page = await NewPageAsync();

        await FillSignInAsync(page, "admin", "not the password at all");
        await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == SessionCookie);
        await FillSignInAsync(page, "admin", App.AdminToken);

        await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync("admin");
        await Expect(page).ToHaveURLAsync(App.DashboardUrl + "/");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == SessionCookie);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.False(cookie.Secure); // served over plain http here; over HTTPS the cookie is Secure
        Assert.Equal(-1, cookie.Expires); // a browser-session cookie
        Assert.DoesNotContain(App.AdminToken, cookie.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_makes_a_copy_of_the_old_cookie_useless()
    {
        var page = await SignInAsAdminAsync();
        var copy = (await page.Context.CookiesAsync()).Single(c => c.Name == SessionCookie);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByTestId("signed-out")).ToBeVisibleAsync();
        var other = await NewPageAsync();
        await other.Context.AddCookiesAsync([new Cookie { Name = copy.Name, Value = copy.Value, Domain = copy.Domain, Path = copy.Path }]);
        await other.GotoAsync("/tasks");

        await Expect(other).ToHaveURLAsync(LoginUrl());
        await Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Signing_in_again_opens_a_new_session_and_ends_the_one_before()
    {
        var page = await SignInAsAdminAsync();
        var first = (await page.Context.CookiesAsync()).Single(c => c.Name == SessionCookie);

        await FillSignInAsync(page, "admin", App.AdminToken);
        await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync("admin");
        var second = (await page.Context.CookiesAsync()).Single(c => c.Name == SessionCookie);

        Assert.NotEqual(first.Value, second.Value);
        var other = await NewPageAsync();
        await other.Context.AddCookiesAsync([new Cookie { Name = first.Name, Value = first.Value, Domain = first.Domain, Path = first.Path }]);
        await other.GotoAsync("/");
        await Expect(other).ToHaveURLAsync(LoginUrl());
        await page.GotoAsync("/tasks");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tasks", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Pages_carry_the_security_headers_and_a_post_without_the_antiforgery_token_is_refused()
    {
        var page = await SignInAsAdminAsync();

        var response = await page.GotoAsync("/tasks");
        var headers = await response!.AllHeadersAsync();
        var forms = page.Locator("form[method=post]");
        var post = await page.APIRequest.PostAsync("/actions/tasks/bulk", new() { Form = Form(page, ("action", "cancel"), ("ids", Guid.NewGuid().ToString())) });

        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"]);
        Assert.Contains("script-src 'self'", headers["content-security-policy"]);
        Assert.DoesNotContain("unsafe-inline", headers["content-security-policy"]);
        Assert.DoesNotContain("unsafe-eval", headers["content-security-policy"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("same-origin", headers["referrer-policy"]);
        Assert.Contains("no-store", headers["cache-control"]);
        Assert.True(await forms.CountAsync() > 0);
        foreach (var form in await forms.AllAsync())
        {
            Assert.Equal(1, await form.Locator("input[name=__RequestVerificationToken]").CountAsync());
        }
        Assert.Equal(400, post.Status);
    }

    [Fact]
    public async Task A_page_asked_for_before_signing_in_opens_after_signing_in_and_foreign_return_urls_are_ignored()
    {
        var page = await NewPageAsync();

        await page.GotoAsync("/workflows");
        await Expect(page).ToHaveURLAsync(LoginUrl());
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(App.AdminToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(App.DashboardUrl + "/workflows");
        await page.GotoAsync("/login?returnUrl=" + Uri.EscapeDataString("//evil.example/"));
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(App.AdminToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(App.DashboardUrl + "/");
    }

    [Fact]
    public async Task Wrong_passwords_lead_to_a_429_page_with_retry_after_while_others_still_sign_in_and_the_user_once_it_passed()
    {
        var name = await CreateUserAsync(Contracts.Users.UserRoles.Viewer);
        var page = await NewPageAsync();
        IResponse? throttled = null;
        for (var i = 0; i < 10 && throttled is null; i++)
        {
            await page.GotoAsync("/login");
            await page.GetByLabel("User name").FillAsync(name);
            await page.GetByLabel("Password").FillAsync("wrong guess " + i);
            var answer = await page.RunAndWaitForResponseAsync(
                () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(),
                r => r.Request.Method == "POST" && r.Url.EndsWith("/account/login", StringComparison.Ordinal));
            if (answer.Status == 429)
            {
                throttled = answer;
            }
            else
            {
                Assert.Equal(302, answer.Status);
            }
        }

        Assert.NotNull(throttled);
        var seconds = int.Parse(await throttled.HeaderValueAsync("retry-after") ?? "", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, 16);
        await Expect(page.GetByTestId("error-heading")).ToHaveTextAsync("Too many failed sign-ins");
        await Expect(page.Locator("main")).ToContainTextAsync($"Try again in {seconds} seconds.");
        await SignInAsAdminAsync(); // another user from the same address is not held back
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        await FillSignInAsync(page, name, Password);
        await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(name);
    }

    internal static IFormData Form(IPage page, params (string Name, string Value)[] fields)
    {
        var form = page.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Append(name, value);
        }
        return form;
    }

    [GeneratedRegex("/login")]
    private static partial Regex LoginUrl();
}
