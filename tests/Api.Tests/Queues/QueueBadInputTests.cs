using System.Net;
using System.Net.Http.Json;
using System.Text;
using Overseer.Contracts.Problems;

namespace Overseer.Api.Tests.Queues;

/// <summary>Every bad input gets a clear 4xx problem naming what is wrong, and changes nothing.</summary>
public sealed class QueueBadInputTests(QueueApiApplication app) : IClassFixture<QueueApiApplication>, IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await app.DefineExternalAsync("target");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static TheoryData<string, string> BadDefinitions => new()
    {
        { """{"runtime":"worker","command":["true"],"jobStartTimeout":"5x"}""", "jobStartTimeout" },
        { """{"runtime":"worker","command":["true"],"\udc00\ud800":1}""", "body" },
        { """{"runtime":"worker","command":["true"],"waitTimeAfterError":"-1s"}""", "waitTimeAfterError" },
        { """{"runtime":"worker","command":["true"],"queueCheckInterval":""}""", "queueCheckInterval" },
        { """{"runtime":"worker","command":["true"],"idleTimeout":"1h1h"}""", "idleTimeout" },
        { """{"runtime":"worker","command":["true"],"retryDelay":"10s","maxRetryDelay":"1s"}""", "maxRetryDelay" },
        { """{"runtime":"worker","command":["true"],"parallelism":0}""", "parallelism" },
        { """{"runtime":"worker","command":["true"],"parallelism":4,"maxParallelism":2}""", "maxParallelism" },
        { """{"runtime":"worker","command":["true"],"maxAttempts":0}""", "maxAttempts" },
        { """{"runtime":"worker","command":["true"],"leaseSeconds":3601}""", "leaseSeconds" },
        { """{"runtime":"worker","command":["true"],"batchSize":1001}""", "batchSize" },
        { """{"runtime":"worker","command":["true"],"deadLetter":"Not_A_Name"}""", "deadLetter" },
        { """{"runtime":"worker","command":["true"],"deadLetter":"no-such-queue"}""", "deadLetter" },
        { """{"runtime":"worker","command":["true"],"deadLetter":"new-queue"}""", "deadLetter" },
        { """{"runtime":"worker"}""", "command" },
        { """{"runtime":"sometimes","command":["true"]}""", "runtime" },
        { """{"runtime":"worker","command":["true"],"env":{"PATH":"/evil"}}""", "env.PATH" },
        { """{"runtime":"worker","command":["true"],"resources":{"limits":{"memory":"128mi"}}}""", "resources.limits.memory" },
        { """{"runtime":"worker","command":["true"],"colour":"blue"}""", "colour" },
        { """{"runtime":"worker","command":"true"}""", "command" },
        { """{"runtime":"worker","command":["true"]""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadDefinitions))]
    public async Task Bad_definition_gets_400_naming_the_field_and_defines_nothing(string body, string field)
    {
        var before = await app.CountAsync("queues");
        using var response = await app.Queues().Http.PutAsync("api/v1/queues/new-queue", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await app.CountAsync("queues"));
    }

    [Fact]
    public async Task Invalid_queue_name_gets_400_naming_it()
    {
        var before = await app.CountAsync("queues");
        using var response = await app.Queues().Http.PutAsJsonAsync("api/v1/queues/Bad_Name", new { runtime = "external" });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "name");
        Assert.Equal(before, await app.CountAsync("queues"));
    }

    public static TheoryData<string, string> BadItems => new()
    {
        { """{"priority":1}""", "payload" },
        { """{"payload":{"\udc00\ud800":1}}""", "payload" },
        { """{"payload":1,"priority":1001}""", "priority" },
        { """{"payload":1,"dedupKey":""}""", "dedupKey" },
        { """{"payload":1,"runAt":"tomorrow"}""", "runAt" },
        { """{"payload":1,"color":"red"}""", "color" },
        { """[{"payload":1},{"payload":2,"priority":"high"}]""", "items[1].priority" },
        { """[{"payload":1},null]""", "items[1]" },
        { "[]", "items" },
        { "42", "body" },
        { """{"payload":""", "payload" },
    };

    [Theory]
    [MemberData(nameof(BadItems))]
    public async Task Bad_items_get_400_naming_the_field_and_enqueue_nothing(string body, string field)
    {
        using var response = await PostItemsAsync("target", body);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(0, (await app.Queues().GetAsync("target")).Stats.Available);
    }

    [Theory]
    [InlineData("""{"payload":"\ud800"}""")]
    [InlineData("""{"payload":"a\u0000b"}""")]
    [InlineData("""{"payload":{"deep":[[[[[[[[[[1]]]]]]]]]]}}""")]
    public async Task Odd_but_valid_json_payloads_are_stored_never_a_500(string body)
    {
        await app.DefineExternalAsync("odd");
        using var response = await PostItemsAsync("odd", body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Payload_over_the_size_limit_gets_400_naming_it_and_enqueues_nothing()
    {
        var big = new string('x', 256 * 1024);
        using var response = await PostItemsAsync("target", $$"""[{"payload":1},{"payload":"{{big}}"}]""");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "items[1].payload");
        Assert.Equal(0, (await app.Queues().GetAsync("target")).Stats.Available);
    }

    [Fact]
    public async Task Body_over_the_request_limit_gets_413_and_enqueues_nothing()
    {
        var chunk = string.Join(',', Enumerable.Repeat($$"""{"payload":"{{new string('y', 200 * 1024)}}"}""", 90));
        using var response = await PostItemsAsync("target", $"[{chunk}]");

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, null);
        Assert.Equal(0, (await app.Queues().GetAsync("target")).Stats.Available);
    }

    [Fact]
    public async Task Batch_over_10000_items_gets_400_and_enqueues_nothing()
    {
        var items = string.Join(',', Enumerable.Repeat("""{"payload":0}""", 10_001));
        using var response = await PostItemsAsync("target", $"[{items}]");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "items");
        Assert.Contains("10000", problem.Errors!["items"][0], StringComparison.Ordinal);
        Assert.Equal(0, (await app.Queues().GetAsync("target")).Stats.Available);
    }

    [Fact]
    public async Task Batch_of_exactly_10000_items_is_accepted()
    {
        await app.DefineExternalAsync("big-batch");
        var items = string.Join(',', Enumerable.Repeat("""{"payload":0}""", 10_000));
        using var response = await PostItemsAsync("big-batch", $"[{items}]");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(10_000, (await app.Queues().GetAsync("big-batch")).Stats.Available);
    }

    [Theory]
    [InlineData("POST", "api/v1/queues/nowhere/items", """{"payload":1}""")]
    [InlineData("GET", "api/v1/queues/nowhere", null)]
    [InlineData("GET", "api/v1/queues/nowhere/items", null)]
    [InlineData("DELETE", "api/v1/queues/nowhere", null)]
    [InlineData("POST", "api/v1/queues/nowhere:pause", null)]
    [InlineData("POST", "api/v1/queues/nowhere/tokens", """{"name":"x"}""")]
    public async Task Unknown_queue_gets_404_and_changes_nothing(string method, string path, string? body)
    {
        var before = (await app.CountAsync("queues"), await app.CountAsync("queue_items"), await app.CountAsync("queue_tokens"));
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };
        using var response = await app.Queues().Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, (await app.CountAsync("queues"), await app.CountAsync("queue_items"), await app.CountAsync("queue_tokens")));
    }

    [Fact]
    public async Task Enqueue_without_json_content_type_gets_415()
    {
        using var response = await app.Queues().Http.PostAsync("api/v1/queues/target/items", new StringContent("""{"payload":1}""", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    public static TheoryData<string, string, string> BadRuntimeRequests => new()
    {
        { "claim", """{"max":1001}""", "max" },
        { "claim", """{"max":-1}""", "max" },
        { "claim", """{"ack":[{"id":1}]}""", "ack[0].leaseToken" },
        { "ack", """{"items":[]}""", "items" },
        { "extend", """{"items":[{"id":"x","leaseToken":"00000000-0000-0000-0000-000000000001"}]}""", "items[0].id" },
        { "nack", """{"items":[{"id":1,"leaseToken":"00000000-0000-0000-0000-000000000001","retryInSeconds":-5}]}""", "items[0].retryInSeconds" },
        { "release", """{"things":[]}""", "things" },
    };

    [Theory]
    [MemberData(nameof(BadRuntimeRequests))]
    public async Task Bad_runtime_request_gets_400_naming_the_field(string verb, string body, string field)
    {
        var runtime = await app.RuntimeAsync("target");
        using var response = await runtime.Http.PostAsync($"internal/v1/queues/target/{verb}", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    private Task<HttpResponseMessage> PostItemsAsync(string queue, string body) =>
        app.Queues().Http.PostAsync($"api/v1/queues/{queue}/items", new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<ProblemDto> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field)
    {
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>();
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(problem);
        if (field is not null)
        {
            Assert.NotNull(problem.Errors);
            Assert.True(problem.Errors.ContainsKey(field),
                $"expected an error for '{field}', got: {string.Join(" | ", problem.Errors.Select(e => e.Key + ": " + string.Join("; ", e.Value)))}");
        }
        return problem;
    }
}
