using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Overseer.Contracts.Users;
using Overseer.Dashboard.Api;
using Overseer.Dashboard.Tests.Infrastructure;

namespace Overseer.Dashboard.Tests.Account;

/// <summary>The Dashboard's sign-in against a fake Api: what it forwards, and how it passes on the Api's throttling.</summary>
public sealed class SignInForwardingTests
{
    private static readonly IPAddress Browser = IPAddress.Parse("203.0.113.7");
    private const string Key = "dashboard-test-forwarding-key";

    [Fact]
    public async Task Sign_in_forwards_the_browsers_address_with_the_key_and_a_throttled_answer_is_a_429_page_with_the_Apis_Retry_After()
    {
        var api = new FakeSessionsApi(HttpStatusCode.TooManyRequests, retryAfterSeconds: 7);
        await using var dashboard = Dashboard(api, new Dictionary<string, string> { [ClientAddressForwarding.ConfigurationKey] = Key });
        using var client = dashboard.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await SignInAsync(client);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Contains("Too many failed sign-ins", body);
        Assert.Contains("Try again in 7 seconds.", body);
        var sent = Assert.Single(api.Requests);
        Assert.Equal([Browser.ToString()], sent.GetValueOrDefault(ClientAddressForwarding.AddressHeader) ?? []);
        Assert.Equal([Key], sent.GetValueOrDefault(ClientAddressForwarding.KeyHeader) ?? []);
    }

    [Fact]
    public async Task Without_a_forwarding_key_the_dashboard_forwards_no_address_and_a_refusal_goes_back_to_the_form()
    {
        var api = new FakeSessionsApi(HttpStatusCode.Unauthorized, retryAfterSeconds: null);
        await using var dashboard = Dashboard(api, new Dictionary<string, string>());
        using var client = dashboard.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await SignInAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?failed=1", response.Headers.Location?.OriginalString);
        var sent = Assert.Single(api.Requests);
        Assert.False(sent.ContainsKey(ClientAddressForwarding.AddressHeader));
        Assert.False(sent.ContainsKey(ClientAddressForwarding.KeyHeader));
    }

    private static DashboardApplication Dashboard(FakeSessionsApi api, Dictionary<string, string> settings) =>
        new("http://api.invalid", settings, services =>
        {
            services.AddHttpClient(ApiClients.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => api);
            services.AddSingleton<IStartupFilter>(new BrowserAddress(Browser));
        });

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client)
    {
        var token = await DashboardApplication.SignInFormTokenAsync(client);
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["User"] = "someone", ["Password"] = "not the password", ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>Gives every request the browser's address as its connection's peer (the test server has none).</summary>
    private sealed class BrowserAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(app);
        };
    }

    /// <summary>Answers every sign-in with <paramref name="status"/> and records the headers of each request.</summary>
    private sealed class FakeSessionsApi(HttpStatusCode status, int? retryAfterSeconds) : HttpMessageHandler
    {
        public ConcurrentQueue<Dictionary<string, string[]>> Requests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal("/api/v1/sessions", request.RequestUri?.AbsolutePath);
            Requests.Enqueue(request.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray()));
            var response = new HttpResponseMessage(status)
            {
                Content = new StringContent($$"""{"status":{{(int)status}},"title":"refused"}""", Encoding.UTF8, "application/problem+json"),
            };
            if (retryAfterSeconds is { } seconds)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
            }
            return Task.FromResult(response);
        }
    }
}
