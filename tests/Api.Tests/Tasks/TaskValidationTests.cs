using System.Net;
using System.Net.Http.Json;
using System.Text;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Problems;

namespace Overseer.Api.Tests.Tasks;

/// <summary>Every bad submission gets a 4xx problem naming what is wrong, and nothing is stored.</summary>
public sealed class TaskValidationTests(ApiApplication app) : IClassFixture<ApiApplication>
{
    public static TheoryData<string, string> BadSpecs => new()
    {
        { """{"name":"Bad_Name","command":["true"]}""", "name" },
        { $$"""{"name":"{{new string('a', 64)}}","command":["true"]}""", "name" },
        { """{"name":"-leading","command":["true"]}""", "name" },
        { """{"name":"trailing-","command":["true"]}""", "name" },
        { """{"command":["true"]}""", "name" },
        { """{"name":"no-command"}""", "command" },
        { """{"name":"empty","command":[],"args":[]}""", "command" },
        { """{"name":"image-only","image":"busybox:1.36"}""", "command" },
        { """{"name":"empty-program","command":[""]}""", "command[0]" },
        { """{"name":"t0","command":["true"],"timeoutSeconds":0}""", "timeoutSeconds" },
        { """{"name":"t604801","command":["true"],"timeoutSeconds":604801}""", "timeoutSeconds" },
        { """{"name":"r21","command":["true"],"retries":21}""", "retries" },
        { """{"name":"rneg","command":["true"],"retries":-1}""", "retries" },
        { """{"name":"env-eq","command":["true"],"env":{"A=B":"x"}}""", "env.A=B" },
        { """{"name":"env-nul","command":["true"],"env":{"A\u0000B":"x"}}""", "env.A\0B" },
        { """{"name":"env-value-nul","command":["true"],"env":{"OK":"a\u0000b"}}""", "env.OK" },
        { """{"name":"env-path","command":["true"],"env":{"PATH":"/evil"}}""", "env.PATH" },
        { """{"name":"env-preload","command":["true"],"env":{"LD_PRELOAD":"/x.so"}}""", "env.LD_PRELOAD" },
        { """{"name":"env-proxy","command":["true"],"env":{"HTTP_PROXY":"http://x"}}""", "env.HTTP_PROXY" },
        { """{"name":"env-proxy-lower","command":["true"],"env":{"https_proxy":"http://x"}}""", "env.https_proxy" },
        { """{"name":"env-overseer","command":["true"],"env":{"OVERSEER_TASK_ID":"x"}}""", "env.OVERSEER_TASK_ID" },
        { """{"name":"arg-nul","command":["true","a\u0000b"]}""", "command[1]" },
        { """{"name":"vf-both","command":["true"],"valueFrom":{"A":{"secretKeyRef":{"name":"s","key":"k"},"configMapKeyRef":{"name":"c","key":"k"}}}}""", "valueFrom.A" },
        { """{"name":"vf-none","command":["true"],"valueFrom":{"A":{}}}""", "valueFrom.A" },
        { """{"name":"vf-name","command":["true"],"valueFrom":{"A":{"secretKeyRef":{"name":"Bad_Name","key":"k"}}}}""", "valueFrom.A.secretKeyRef.name" },
        { """{"name":"vf-key","command":["true"],"valueFrom":{"A":{"secretKeyRef":{"name":"db","key":"../etc/passwd"}}}}""", "valueFrom.A.secretKeyRef.key" },
        { """{"name":"vf-dotdot","command":["true"],"valueFrom":{"A":{"configMapKeyRef":{"name":"db","key":".."}}}}""", "valueFrom.A.configMapKeyRef.key" },
        { """{"name":"vf-var","command":["true"],"valueFrom":{"LD_PRELOAD":{"secretKeyRef":{"name":"db","key":"k"}}}}""", "valueFrom.LD_PRELOAD" },
        { """{"name":"vf-twice","command":["true"],"env":{"A":"x"},"valueFrom":{"A":{"secretKeyRef":{"name":"db","key":"k"}}}}""", "valueFrom.A" },
        { """{"name":"ef-both","command":["true"],"envFrom":[{"secretRef":{"name":"a"},"configMapRef":{"name":"b"}}]}""", "envFrom[0]" },
        { """{"name":"ef-name","command":["true"],"envFrom":[{"secretRef":{"name":"a/../b"}}]}""", "envFrom[0].secretRef.name" },
        { """{"name":"ef-prefix","command":["true"],"envFrom":[{"secretRef":{"name":"a"},"prefix":"OVERSEER_"}]}""", "envFrom[0].prefix" },
        { """{"name":"ef-prefix-digit","command":["true"],"envFrom":[{"configMapRef":{"name":"a"},"prefix":"9X"}]}""", "envFrom[0].prefix" },
        { """{"name":"pull","command":["true"],"imagePullSecrets":["Not_A_Secret"]}""", "imagePullSecrets[0]" },
        { """{"name":"rel-dir","command":["true"],"workingDir":"relative/dir"}""", "workingDir" },
        { """{"name":"label","command":["true"],"labels":{"bad key!":"v"}}""", "labels.bad key!" },
        { """{"name":"quantity","command":["true"],"resources":{"limits":{"cpu":"lots"}}}""", "resources.limits.cpu" },
        { """{"name":"tol","command":["true"],"tolerations":[{"operator":"Maybe"}]}""", "tolerations[0].operator" },
        { """{"name":"backoff","command":["true"],"backoff":{"initialSeconds":5,"factor":0.5,"maxSeconds":1}}""", "backoff.factor" },
        { """{"name":"unknown","command":["true"],"colour":"blue"}""", "colour" },
        { """{"name":"dup","name":"dup2","command":["true"]}""", "name" },
        { """{"name":"bad-key","command":["true"],"\udc00\ud800":1}""", "body" },
        { """{"name":"bad-env-key","command":["true"],"env":{"\ud800":"x"}}""", "env" },
        { """{"name":"wrong-type","command":"true"}""", "command" },
        { """{"name":"huge-number","command":["true"],"timeoutSeconds":1e309}""", "timeoutSeconds" },
        { """{"name":"truncated","command":["true"]""", "body" },
        { "null", "body" },
        { "", "body" },
        { """["not","an","object"]""", "body" },
    };

    [Fact]
    public async Task Yaml_spec_with_surrogate_escapes_in_the_wrong_order_gets_400_and_stores_nothing()
    {
        var before = await CountTasksAsync();
        using var response = await PostAsync("name: swapped\ncommand: [\"\\udc00\\ud800\"]\n", "application/yaml");
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem!.Errors!["body"], m => m.Contains("surrogate", StringComparison.Ordinal));
        Assert.Equal(before, await CountTasksAsync());
    }

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public async Task Bad_spec_gets_400_naming_the_field_and_stores_nothing(string body, string field)
    {
        var before = await CountTasksAsync();
        using var response = await PostAsync(body, "application/json");
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(problem?.Errors);
        Assert.True(problem.Errors.ContainsKey(field), $"expected an error for '{field}', got: {string.Join(" | ", problem.Errors.Select(e => e.Key + ": " + string.Join("; ", e.Value)))}");
        Assert.Equal(before, await CountTasksAsync());
    }

    [Fact]
    public async Task An_image_without_command_is_refused_by_the_local_executor_naming_the_task()
    {
        using var response = await PostAsync("""{"name":"entrypoint-only","image":"busybox:1.36"}""", "application/json");
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["task 'entrypoint-only' needs a command locally: the image's entrypoint cannot run without a container runtime (the kubernetes executor runs it)"],
            problem!.Errors!["command"]);
    }

    [Fact]
    public async Task Every_problem_of_a_spec_is_reported_at_once()
    {
        using var response = await PostAsync("""{"name":"Bad_Name","timeoutSeconds":0,"env":{"PATH":"x"}}""", "application/json");
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>();

        Assert.Equal(["command", "env.PATH", "name", "timeoutSeconds"], problem!.Errors!.Keys.Order());
    }

    [Fact]
    public async Task Body_over_the_size_limit_gets_413_and_stores_nothing()
    {
        var before = await CountTasksAsync();
        var body = $$"""{"name":"big","command":["echo","{{new string('x', 1024 * 1024)}}"]}""";
        using var response = await PostAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("limit", (await response.Content.ReadFromJsonAsync<ProblemDto>())!.Detail);
        Assert.Equal(before, await CountTasksAsync());
    }

    [Fact]
    public async Task Body_that_is_not_json_gets_415()
    {
        using var response = await PostAsync("name: hello", "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Deeply_nested_json_is_rejected_without_a_500()
    {
        var body = """{"name":"deep","command":["true"],"labels":""" + new string('[', 5000) + new string(']', 5000) + "}";
        using var response = await PostAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("state=Sleeping", "state")]
    [InlineData("state=7", "state")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task Bad_list_query_gets_400_naming_the_parameter(string query, string field)
    {
        using var response = await app.AdminClient().Http.GetAsync("api/v1/tasks?" + query);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem!.Errors!.ContainsKey(field));
    }

    [Fact]
    public async Task Logs_of_attempt_zero_get_400()
    {
        var task = await app.AdminClient().SubmitTaskAsync(new() { Name = "logs-zero", Command = ["true"] });
        using var response = await app.AdminClient().Http.GetAsync($"api/v1/tasks/{task.Id}/logs?attempt=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("api/v1/tasks/0191d5b4-0000-7000-8000-000000000000")]
    [InlineData("api/v1/tasks/0191d5b4-0000-7000-8000-000000000000/logs")]
    [InlineData("api/v1/tasks/0191d5b4-0000-7000-8000-000000000000/transitions")]
    [InlineData("api/v1/tasks/not-a-guid")]
    public async Task Unknown_task_gets_404(string path)
    {
        using var response = await app.AdminClient().Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string mediaType) =>
        await app.AdminClient().Http.PostAsync("api/v1/tasks", new StringContent(body, Encoding.UTF8, mediaType));

    private async Task<long> CountTasksAsync()
    {
        await using var connection = await app.Database.OpenConnectionAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM tasks";
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
