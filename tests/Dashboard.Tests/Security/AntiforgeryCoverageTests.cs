using System.Net;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Overseer.Contracts.Client;
using Overseer.Contracts.Queues;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Users;
using Overseer.Dashboard.Tests.Infrastructure;
using Overseer.Testing;

namespace Overseer.Dashboard.Tests.Security;

public sealed class AntiforgeryCoverageTests : BrowserTest
{
    private static readonly string[] UnsafeMethods = ["POST", "PUT", "PATCH", "DELETE"];
    private const string Refusal = "was not sent from the Overseer dashboard";

    [Fact]
    public async Task Every_endpoint_taking_an_unsafe_method_refuses_a_signed_in_request_without_the_token_and_changes_nothing()
    {
        var admin = App.AdminClient();
        var queues = new QueuesClient(admin.Http);
        var name = await CreateUserAsync(UserRoles.Admin);
        await queues.DefineAsync(name, new QueueSpec { Runtime = QueueDefaults.ExternalRuntime });
        var task = await admin.SubmitTaskAsync(new TaskSpec { Name = Unique("csrf-target"), Command = ["sleep", "300"] });
        await Eventually.TrueAsync(async () => (await admin.GetTaskAsync(task.Id)).State == TaskState.Running, TimeSpan.FromSeconds(60), "the task to run");
        await using var dashboard = new DashboardApplication(App.ApiUrl);
        using var client = dashboard.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SignInAsync(client, name);
        var endpoints = dashboard.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var probes = endpoints
            .SelectMany(e => MethodsOf(e).Intersect(UnsafeMethods).Select(m => (Method: m, Path: PathOf(e.RoutePattern, name, task.Id), Endpoint: e.DisplayName)))
            .Distinct().ToList();

        var wrong = new List<string>();
        foreach (var (method, path, endpoint) in probes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new FormUrlEncodedContent(FormFor(name, task.Id)) };
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains(Refusal, StringComparison.Ordinal))
            {
                wrong.Add($"{method} {path} ({endpoint}): {(int)response.StatusCode}");
            }
        }

        Assert.Empty(wrong);
        Assert.Contains(probes, p => p is { Method: "POST", Path: "/account/logout" });
        Assert.Contains(probes, p => p is { Method: "POST", Path: "/account/login" });
        Assert.Contains(probes, p => p.Method == "POST" && p.Path == $"/actions/tasks/{task.Id}/cancel");
        Assert.Contains(probes, p => p.Method == "POST" && p.Path == $"/actions/users/{name}");
        Assert.Contains(probes, p => p is { Method: "POST", Path: "/admin/users" }); // a Blazor form page
        Assert.Contains(probes, p => p is { Method: "DELETE" }); // the fallback takes every method
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tasks")).StatusCode); // neither logout nor login ran
        Assert.Equal(TaskState.Running, (await admin.GetTaskAsync(task.Id)).State);
        var user = (await admin.ListUsersAsync()).Single(u => u.Name == name);
        Assert.Equal((UserRoles.Admin, (DateTimeOffset?)null), (user.Role, user.DisabledAt));
        var queue = await queues.GetAsync(name);
        Assert.False(queue.Paused);
        Assert.Empty(await queues.ListItemsAsync(name));
        await admin.CancelTaskAsync(task.Id);
        await queues.DeleteAsync(name, force: true);
    }

    [Fact]
    public async Task A_post_whose_body_is_not_a_readable_form_is_refused_the_same_way()
    {
        await using var dashboard = new DashboardApplication(App.ApiUrl);
        using var client = dashboard.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SignInAsync(client, await CreateUserAsync(UserRoles.Operator));
        using var content = new StringContent("--x\r\nnot a part", System.Text.Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");

        using var response = await client.PostAsync("/actions/tasks/bulk", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(Refusal, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Signs in through the real form (with its token), so the probes carry a valid session and antiforgery cookie.</summary>
    private static async Task SignInAsync(HttpClient client, string user)
    {
        var token = await DashboardApplication.SignInFormTokenAsync(client);
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["User"] = user, ["Password"] = Password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    private static IEnumerable<string> MethodsOf(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : UnsafeMethods;

    private static string PathOf(RoutePattern pattern, string name, Guid id) => "/" + string.Join("/", pattern.PathSegments.Select(segment =>
        string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart { IsCatchAll: true } => "csrf-probe",
            RoutePatternParameterPart p when p.ParameterPolicies.Any(c => c.Content == "guid") => id.ToString(),
            RoutePatternParameterPart p when p.ParameterPolicies.Any(c => c.Content is "long" or "int") => "1",
            _ => name,
        }))));

    /// <summary>Fields every action would act on, were the token not required.</summary>
    private static Dictionary<string, string> FormFor(string name, Guid id) => new()
    {
        ["User"] = name, ["Password"] = Password, ["action"] = "cancel", ["ids"] = id.ToString(), ["role"] = UserRoles.Viewer,
        ["disabled"] = "true", ["payload"] = "{}", ["priority"] = "0", ["returnUrl"] = "/",
    };
}
