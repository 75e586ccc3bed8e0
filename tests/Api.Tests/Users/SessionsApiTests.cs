using System.Net;
using Dapper;
using Overseer.Api.Auth;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Users;

namespace Overseer.Api.Tests.Users;

public sealed class SessionsApiTests(UsersApiApplication app) : IClassFixture<UsersApiApplication>
{
    private OverseerClient Anonymous() => new(app.CreateClient());

    private OverseerClient WithToken(string token) => new(app.CreateAuthorizedClient(token));

    private async Task<string> CreateUserAsync(string role)
    {
        var name = $"{role}-{Guid.NewGuid():N}"[..20];
        await app.AdminClient().CreateUserAsync(new CreateUserRequest(name, role, "correct horse battery"));
        return name;
    }

    [Fact]
    public async Task Admin_from_configuration_signs_in_with_the_admin_token_as_password()
    {
        var session = await Anonymous().LoginAsync("admin", ApiApplication.AdminToken);

        Assert.Equal("admin", session.User);
        Assert.Equal(UserRoles.Admin, session.Role);
        Assert.StartsWith(TokenHasher.Prefix, session.Token);
        Assert.NotEqual(ApiApplication.AdminToken, session.Token);
        var current = await WithToken(session.Token).GetCurrentSessionAsync();
        Assert.Equal("admin", current.User);
        Assert.Equal(session.ExpiresAt, current.ExpiresAt);
    }

    [Fact]
    public async Task Every_sign_in_opens_a_new_session_and_names_are_case_insensitive()
    {
        var name = await CreateUserAsync(UserRoles.Viewer);

        var first = await Anonymous().LoginAsync(name, "correct horse battery");
        var second = await Anonymous().LoginAsync(name.ToUpperInvariant(), "correct horse battery");

        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal(name, second.User);
        await WithToken(first.Token).GetCurrentSessionAsync();
        await WithToken(second.Token).GetCurrentSessionAsync();
    }

    [Fact]
    public async Task Wrong_password_unknown_user_and_disabled_user_get_the_same_401()
    {
        var disabled = await CreateUserAsync(UserRoles.Viewer);
        await app.AdminClient().UpdateUserAsync(disabled, new UpdateUserRequest { Disabled = true });
        var known = await CreateUserAsync(UserRoles.Viewer);

        var errors = new[]
        {
            await Assert.ThrowsAsync<OverseerApiException>(() => Anonymous().LoginAsync(known, "not the password")),
            await Assert.ThrowsAsync<OverseerApiException>(() => Anonymous().LoginAsync("nobody-like-this", "correct horse battery")),
            await Assert.ThrowsAsync<OverseerApiException>(() => Anonymous().LoginAsync(disabled, "correct horse battery")),
        };

        Assert.All(errors, e => Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode));
        Assert.Single(errors.Select(e => e.Problem?.Detail).Distinct());
    }

    [Fact]
    public async Task Sign_out_revokes_the_session_token_at_once()
    {
        var session = await Anonymous().LoginAsync("admin", ApiApplication.AdminToken);
        var client = WithToken(session.Token);
        await client.ListTasksAsync(new TaskQuery());

        await client.LogoutAsync();

        var error = await Assert.ThrowsAsync<OverseerApiException>(() => client.ListTasksAsync(new TaskQuery()));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Expired_session_is_refused()
    {
        var session = await Anonymous().LoginAsync("admin", ApiApplication.AdminToken);
        await using (var connection = await app.Database.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = @hash",
                new { hash = TokenHasher.Hash(session.Token) });
        }

        var error = await Assert.ThrowsAsync<OverseerApiException>(() => WithToken(session.Token).ListTasksAsync(new TaskQuery()));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Session_scope_follows_the_role()
    {
        var viewer = WithToken((await Anonymous().LoginAsync(await CreateUserAsync(UserRoles.Viewer), "correct horse battery")).Token);
        var @operator = WithToken((await Anonymous().LoginAsync(await CreateUserAsync(UserRoles.Operator), "correct horse battery")).Token);
        var spec = new TaskSpec { Name = "scoped", Command = ["true"] };

        await viewer.ListTasksAsync(new TaskQuery());
        var viewerSubmit = await Assert.ThrowsAsync<OverseerApiException>(() => viewer.SubmitTaskAsync(spec));
        var submitted = await @operator.SubmitTaskAsync(spec);
        var operatorUsers = await Assert.ThrowsAsync<OverseerApiException>(() => @operator.ListUsersAsync());

        Assert.Equal(HttpStatusCode.Forbidden, viewerSubmit.StatusCode);
        Assert.Equal("scoped", submitted.Name);
        Assert.Equal(HttpStatusCode.Forbidden, operatorUsers.StatusCode);
    }

    [Fact]
    public async Task Malformed_sign_in_bodies_get_400_not_500()
    {
        using var http = app.CreateClient();
        foreach (var body in new[] { "", "{}", """{"user":"a"}""", """{"user":"a","password":"b","extra":1}""", "[1,2]" })
        {
            using var response = await http.PostAsync("/api/v1/sessions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }
}
