using System.Net;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Users;

namespace Overseer.Api.Tests.Users;

public sealed class UsersApiTests(UsersApiApplication app) : IClassFixture<UsersApiApplication>
{
    private const string Password = "correct horse battery";
    private readonly OverseerClient _admin = app.AdminClient();

    private OverseerClient Anonymous() => new(app.CreateClient());

    [Fact]
    public async Task Admin_creates_and_lists_users_and_the_hash_never_leaves_the_api()
    {
        var created = await _admin.CreateUserAsync(new CreateUserRequest("Alice.Smith@example", UserRoles.Operator, Password));

        var users = await _admin.ListUsersAsync();
        using var raw = await _admin.Http.GetAsync("api/v1/users");
        var json = await raw.Content.ReadAsStringAsync();

        Assert.Equal("alice.smith@example", created.Name);
        Assert.Contains(users, u => u.Name == "alice.smith@example" && u.Role == UserRoles.Operator);
        Assert.Contains(users, u => u.Name == "admin" && u.Role == UserRoles.Admin);
        Assert.DoesNotContain("hash", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AQAAAA", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_users_are_refused_with_every_problem_named()
    {
        var error = await Assert.ThrowsAsync<OverseerApiException>(() => _admin.CreateUserAsync(new CreateUserRequest("<script>", "root", "short")));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(["name", "password", "role"], error.Problem!.Errors!.Keys.Order());
    }

    [Fact]
    public async Task Duplicate_name_is_a_conflict()
    {
        await _admin.CreateUserAsync(new CreateUserRequest("bob", UserRoles.Viewer, Password));

        var error = await Assert.ThrowsAsync<OverseerApiException>(() => _admin.CreateUserAsync(new CreateUserRequest("BOB", UserRoles.Admin, Password)));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
    }

    [Fact]
    public async Task Changing_the_role_ends_open_sessions_and_the_next_session_has_the_new_scope()
    {
        await _admin.CreateUserAsync(new CreateUserRequest("carol", UserRoles.Viewer, Password));
        var old = new OverseerClient(app.CreateAuthorizedClient((await Anonymous().LoginAsync("carol", Password)).Token));

        var updated = await _admin.UpdateUserAsync("carol", new UpdateUserRequest { Role = UserRoles.Operator });

        Assert.Equal(UserRoles.Operator, updated.Role);
        var ended = await Assert.ThrowsAsync<OverseerApiException>(() => old.ListTasksAsync(new TaskQuery()));
        Assert.Equal(HttpStatusCode.Unauthorized, ended.StatusCode);
        var fresh = new OverseerClient(app.CreateAuthorizedClient((await Anonymous().LoginAsync("carol", Password)).Token));
        Assert.Equal("carol-task", (await fresh.SubmitTaskAsync(new TaskSpec { Name = "carol-task", Command = ["true"] })).Name);
    }

    [Fact]
    public async Task Password_reset_makes_the_old_password_useless()
    {
        await _admin.CreateUserAsync(new CreateUserRequest("dave", UserRoles.Viewer, Password));

        await _admin.UpdateUserAsync("dave", new UpdateUserRequest { Password = "another long secret" });

        await Assert.ThrowsAsync<OverseerApiException>(() => Anonymous().LoginAsync("dave", Password));
        Assert.Equal("dave", (await Anonymous().LoginAsync("dave", "another long secret")).User);
    }

    [Fact]
    public async Task The_last_enabled_admin_cannot_be_demoted_or_disabled()
    {
        var demote = await Assert.ThrowsAsync<OverseerApiException>(() => _admin.UpdateUserAsync("admin", new UpdateUserRequest { Role = UserRoles.Viewer }));
        var disable = await Assert.ThrowsAsync<OverseerApiException>(() => _admin.UpdateUserAsync("admin", new UpdateUserRequest { Disabled = true }));

        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, disable.StatusCode);
        Assert.Contains(await _admin.ListUsersAsync(), u => u.Name == "admin" && u.Role == UserRoles.Admin && u.DisabledAt is null);
    }

    [Fact]
    public async Task Unknown_user_is_404()
    {
        var error = await Assert.ThrowsAsync<OverseerApiException>(() => _admin.UpdateUserAsync("nobody", new UpdateUserRequest { Disabled = true }));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }
}
