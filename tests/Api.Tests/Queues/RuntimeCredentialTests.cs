using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Overseer.Contracts.Client;
using Overseer.Contracts.Queues;

namespace Overseer.Api.Tests.Queues;

/// <summary>Runtime credentials are scoped to one queue; nothing else opens the runtime endpoints.</summary>
public sealed class RuntimeCredentialTests(QueueApiApplication app) : IClassFixture<QueueApiApplication>
{
    [Fact]
    public async Task Credential_of_one_queue_cannot_touch_another()
    {
        await app.DefineExternalAsync("mine");
        await app.DefineExternalAsync("theirs");
        var theirs = await app.Queues().EnqueueAsync("theirs", QueueTesting.Item("secret"));
        var mine = await app.RuntimeAsync("mine");
        var token = mine.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        var intruder = app.RuntimeWithToken("theirs", token);

        var claim = await Assert.ThrowsAsync<OverseerApiException>(() => intruder.ClaimAsync(1));
        var ack = await Assert.ThrowsAsync<OverseerApiException>(() => intruder.AckAsync([new LeaseRef(theirs, Guid.NewGuid())]));

        Assert.Equal(HttpStatusCode.Forbidden, claim.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ack.StatusCode);
        Assert.Contains("'mine'", claim.Problem?.Detail, StringComparison.Ordinal);
        Assert.Equal("available", (await app.ItemRowAsync(theirs)).State);
    }

    [Fact]
    public async Task Item_ids_of_another_queue_are_stale_even_on_the_runtimes_own_endpoints()
    {
        await app.DefineExternalAsync("own");
        await app.DefineExternalAsync("other");
        var otherRuntime = await app.RuntimeAsync("other");
        await app.Queues().EnqueueAsync("other", QueueTesting.Item("x"));
        var held = Assert.Single((await otherRuntime.ClaimAsync(1)).Items);
        var own = await app.RuntimeAsync("own");

        var ack = await own.AckAsync([new LeaseRef(held.Id, held.LeaseToken)]);

        Assert.Equal([held.Id], ack.Stale);
        Assert.Equal("claimed", (await app.ItemRowAsync(held.Id)).State);
    }

    [Theory]
    [InlineData(Infrastructure.ApiApplication.AdminToken)]
    [InlineData("ovq_not-a-real-token")]
    [InlineData("")]
    public async Task Admin_tokens_and_unknown_tokens_are_refused_on_runtime_endpoints(string token)
    {
        await app.DefineExternalAsync("guarded");
        using var http = app.CreateClient();
        if (token.Length > 0)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.PostAsJsonAsync("internal/v1/queues/guarded/claim", new { max = 1 });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Runtime_credentials_cannot_use_the_admin_api()
    {
        await app.DefineExternalAsync("sealed");
        var runtime = await app.RuntimeAsync("sealed");

        using var response = await runtime.Http.GetAsync("api/v1/queues/sealed");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Creating_a_credential_needs_admin_scope()
    {
        await app.DefineExternalAsync("admin-only");
        var writer = await app.ClientWithScopeAsync("write");
        var queues = new QueuesClient(writer.Http);

        var refused = await Assert.ThrowsAsync<OverseerApiException>(() => queues.CreateTokenAsync("admin-only", "x"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
