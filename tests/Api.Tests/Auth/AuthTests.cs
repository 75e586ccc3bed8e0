using System.Net;
using System.Net.Http.Json;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Auth;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Tests.Auth;

public sealed class AuthTests(ApiApplication app) : IClassFixture<ApiApplication>
{
    private static readonly TaskSpec Spec = new() { Name = "auth-check", Command = ["true"] };

    [Fact]
    public async Task Request_without_token_gets_401_problem_with_bearer_challenge()
    {
        using var http = app.CreateClient();
        using var response = await http.GetAsync("/api/v1/tasks");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("Bearer not-a-real-token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    public async Task Unknown_or_malformed_credentials_get_401(string header)
    {
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
        using var response = await http.GetAsync("/api/v1/tasks");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Read_token_can_list_but_submitting_gets_403_and_stores_nothing()
    {
        var reader = await app.ClientWithScopeAsync(TokenScopes.Read);
        var before = await reader.ListTasksAsync(new TaskQuery { NamePrefix = "auth-check" });

        var error = await Assert.ThrowsAsync<OverseerApiException>(() => reader.SubmitTaskAsync(Spec));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        var after = await reader.ListTasksAsync(new TaskQuery { NamePrefix = "auth-check" });
        Assert.Equal(before.Items.Count, after.Items.Count);
    }

    [Fact]
    public async Task Write_token_can_submit_but_not_manage_tokens()
    {
        var writer = await app.ClientWithScopeAsync(TokenScopes.Write);

        var task = await writer.SubmitTaskAsync(Spec);
        var error = await Assert.ThrowsAsync<OverseerApiException>(() => writer.CreateTokenAsync(new CreateTokenRequest("x", [TokenScopes.Read])));

        Assert.Equal(Spec.Name, task.Name);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task Revoked_token_is_rejected()
    {
        var admin = app.AdminClient();
        var created = await admin.CreateTokenAsync(new CreateTokenRequest("short-lived", [TokenScopes.Read]));
        using var http = app.CreateAuthorizedClient(created.Token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/tasks")).StatusCode);

        using var revoke = await admin.Http.DeleteAsync($"api/v1/tokens/{created.Id}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/tasks")).StatusCode);
    }

    [Fact]
    public async Task Token_secret_is_shown_once_and_stored_only_hashed()
    {
        var created = await app.AdminClient().CreateTokenAsync(new CreateTokenRequest("hashed", [TokenScopes.Read]));
        var listed = await app.AdminClient().Http.GetFromJsonAsync<List<TokenDto>>("api/v1/tokens");
        await using var connection = await app.Database.OpenConnectionAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM api_tokens WHERE encode(token_hash, 'escape') LIKE '%' || $1 || '%'";
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = created.Token });

        Assert.StartsWith("ovr_", created.Token);
        Assert.Contains(listed!, t => t.Id == created.Id && t.Name == "hashed");
        Assert.Equal(0L, await cmd.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("""{"name":"","scopes":["read"]}""", "name")]
    [InlineData("""{"name":"x","scopes":[]}""", "scopes")]
    [InlineData("""{"name":"x","scopes":["root"]}""", "scopes")]
    public async Task Bad_token_requests_get_400_naming_the_field(string body, string field)
    {
        using var response = await app.AdminClient().Http.PostAsync("api/v1/tokens", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<Overseer.Contracts.Problems.ProblemDto>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem!.Errors!.ContainsKey(field), $"errors: {string.Join(", ", problem.Errors.Keys)}");
    }
}
