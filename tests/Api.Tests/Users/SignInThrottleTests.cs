using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Users;

namespace Overseer.Api.Tests.Users;

/// <summary>
/// Sign-in throttling of <c>POST /api/v1/sessions</c> (docs/security.md). Requests claim their client address through
/// the forwarding header with the Api's key, as the Dashboard does; each test uses its own names and addresses.
/// </summary>
public sealed class SignInThrottleTests(SignInThrottleApiApplication app) : IClassFixture<SignInThrottleApiApplication>
{
    private const string Password = "correct horse battery";
    private static int _addresses;

    [Fact]
    public async Task Wrong_passwords_from_one_address_get_429_with_a_growing_Retry_After_while_the_right_one_from_another_address_signs_in()
    {
        var name = await CreateUserAsync();
        var (attacker, other) = (NewAddress(), NewAddress());
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal((HttpStatusCode.Unauthorized, null), await SignInAsync(attacker, name, "guess-" + i));
        }

        Assert.Equal((HttpStatusCode.TooManyRequests, 1), await SignInAsync(attacker, name, "guess-4"));
        Assert.Equal((HttpStatusCode.TooManyRequests, 1), await SignInAsync(attacker, name, Password));
        Assert.Equal((HttpStatusCode.OK, null), await SignInAsync(other, name, Password));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((HttpStatusCode.Unauthorized, null), await SignInAsync(attacker, name, "guess-5"));
        Assert.Equal((HttpStatusCode.TooManyRequests, 2), await SignInAsync(attacker, name, Password));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((HttpStatusCode.TooManyRequests, 1), await SignInAsync(attacker, name, Password));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((HttpStatusCode.OK, null), await SignInAsync(attacker, name, Password));
        Assert.Equal((HttpStatusCode.Unauthorized, null), await SignInAsync(attacker, name, "guess-6")); // the success cleared that pair
    }

    [Fact]
    public async Task A_throttled_answer_is_a_problem_document_whose_retry_after_matches_the_header()
    {
        var name = await CreateUserAsync();
        var address = NewAddress();
        for (var i = 0; i < 4; i++)
        {
            await SignInAsync(address, name, "guess-" + i);
        }

        using var response = await SendAsync(address, name, Password, SignInThrottleApiApplication.ForwardingKey);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(1, problem.RootElement.GetProperty("retryAfterSeconds").GetInt32());
        Assert.Contains("try again in 1 seconds", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Failures_for_many_names_from_one_address_throttle_that_address_for_every_name_but_no_other_address()
    {
        var name = await CreateUserAsync();
        var (attacker, other) = (NewAddress(), NewAddress());
        for (var i = 0; i < 11; i++)
        {
            Assert.Equal((HttpStatusCode.Unauthorized, null), await SignInAsync(attacker, $"nobody-{i}-{Guid.NewGuid():N}"[..20], Password));
        }

        Assert.Equal((HttpStatusCode.TooManyRequests, 1), await SignInAsync(attacker, name, Password));
        Assert.Equal((HttpStatusCode.OK, null), await SignInAsync(other, name, Password));
    }

    [Fact]
    public async Task A_guess_spread_over_many_addresses_slows_the_user_by_at_most_a_minute_and_never_locks_it_out()
    {
        var name = await CreateUserAsync();
        var user = NewAddress();
        for (var i = 0; i < 21; i++)
        {
            Assert.Equal((HttpStatusCode.Unauthorized, null), await SignInAsync(NewAddress(), name, "guess-" + i));
        }
        Assert.Equal((HttpStatusCode.TooManyRequests, 1), await SignInAsync(user, name, Password));
        var waits = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            var (_, wait) = await SignInAsync(user, name, Password);
            app.Clock.Advance(TimeSpan.FromSeconds(wait ?? 0));
            Assert.Equal((HttpStatusCode.Unauthorized, null), await SignInAsync(NewAddress(), name, "more-" + i));
            waits.Add((await SignInAsync(user, name, Password)).RetryAfter ?? 0);
        }

        Assert.Equal([2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60, 60], waits);
        app.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal((HttpStatusCode.OK, null), await SignInAsync(user, name, Password));
    }

    [Fact]
    public async Task A_sustained_guess_from_one_address_never_delays_the_users_sign_in_from_another()
    {
        var name = await CreateUserAsync();
        var (attacker, user) = (NewAddress(), NewAddress());
        var end = app.Clock.GetUtcNow().AddHours(3);
        var failures = 0;
        while (app.Clock.GetUtcNow() < end)
        {
            var (status, wait) = await SignInAsync(attacker, name, "guess-" + failures);
            if (status == HttpStatusCode.TooManyRequests)
            {
                app.Clock.Advance(TimeSpan.FromSeconds(wait!.Value));
                continue;
            }
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            failures++;
            Assert.Equal((HttpStatusCode.OK, null), await SignInAsync(user, name, Password));
        }

        // Three hours of guessing as fast as allowed: a handful an hour, far below the per-user rule's free 20.
        Assert.InRange(failures, 10, 3 * 16);
    }

    [Fact]
    public async Task A_forwarded_address_without_the_right_key_is_ignored_so_rotating_it_does_not_escape_the_throttle()
    {
        var name = await CreateUserAsync();
        for (var i = 0; i < 4; i++)
        {
            using var refused = await SendAsync(NewAddress(), name, "guess-" + i, i % 2 == 0 ? null : "not-the-forwarding-key");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var spoofed = await SendAsync(NewAddress(), name, Password, "not-the-forwarding-key");
        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), spoofed.Headers.RetryAfter?.Delta);
        Assert.Equal((HttpStatusCode.OK, null), await SignInAsync(NewAddress(), name, Password));
    }

    private async Task<string> CreateUserAsync()
    {
        var name = $"throttle-{Guid.NewGuid():N}"[..24];
        await app.AdminClient().CreateUserAsync(new CreateUserRequest(name, UserRoles.Operator, Password));
        return name;
    }

    private static string NewAddress()
    {
        var n = Interlocked.Increment(ref _addresses);
        return $"198.18.{n / 250}.{n % 250 + 1}";
    }

    private async Task<(HttpStatusCode Status, int? RetryAfter)> SignInAsync(string address, string user, string password)
    {
        using var response = await SendAsync(address, user, password, SignInThrottleApiApplication.ForwardingKey);
        return (response.StatusCode, response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : null);
    }

    private async Task<HttpResponseMessage> SendAsync(string address, string user, string password, string? key)
    {
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/sessions") { Content = JsonContent.Create(new { user, password }) };
        request.Headers.Add(ClientAddressForwarding.AddressHeader, address);
        if (key is not null)
        {
            request.Headers.Add(ClientAddressForwarding.KeyHeader, key);
        }
        return await http.SendAsync(request);
    }
}
