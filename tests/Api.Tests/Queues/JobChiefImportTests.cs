using System.Net;
using System.Net.Http.Json;
using System.Text;
using Overseer.Contracts.Problems;
using Overseer.Contracts.Queues;

namespace Overseer.Api.Tests.Queues;

/// <summary>Importing job-chief's jobs.json: every field mapped or reported, every malformed field named.</summary>
public sealed class JobChiefImportTests(QueueApiApplication app) : IClassFixture<QueueApiApplication>
{
    // The shape of job-chief's documented example (all job fields, every podConfig field), with comments.
    private const string Example = """
        [
          {
            "queueName": "tiles", // the pg-boss queue the pods drain
            "podConfig": {
              "parallelism": 2,
              "image": "registry.local/tiler:1.4",
              "command": ["node", "drain.js"],
              "args": ["--verbose"],
              "injectPgConfig": true,
              "env": [{ "name": "LEVEL", "value": "12" }, { "name": "FROM_SECRET", "valueFrom": { "secretKeyRef": { "name": "s", "key": "k" } } }],
              "configmaps": ["tiler-config"],
              "secrets": ["tiler-secret"],
              "resources": { "limits": { "cpu": "500m", "memory": "128Mi" }, "requests": { "cpu": "250m", "memory": "64Mi" } },
              "liveness": { "enabled": false, "path": "/liveness", "port": 1337 },
              "pullPolicy": "IfNotPresent",
              "annotations": { "prometheus.io/scrape": "true", "team": "maps" }
            },
            "waitTimeAfterSuccessfulRun": "5s",
            "queueCheckInterval": "55s",
            "jobStartTimeout": "1m",
            "waitTimeAfterTimeout": "5s",
            "waitTimeAfterError": "15s",
            "waitTimeAfterFailedRun": "10s", /* trailing commas too */
          },
          {
            "queueName": "exports",
            "podConfig": { "parallelism": 1, "image": "registry.local/export:2", "command": ["export"] },
            "waitTimeAfterSuccessfulRun": "1m",
            "queueCheckInterval": "1h30m",
            "jobStartTimeout": "2m",
            "waitTimeAfterTimeout": "30s",
            "waitTimeAfterError": "1m",
            "waitTimeAfterFailedRun": "2m"
          }
        ]
        """;

    [Theory]
    [InlineData("""[{"queueName":"\ud800"}]""", "[0].queueName")]
    [InlineData("""[{"queueName":"q","podConfig":{"env":[{"name":"A","valueFrom":"\udc00"}]}}]""", "[0].podConfig.env[0].valueFrom")]
    [InlineData("""[{"\ud800x":1}]""", "[0]")]
    public async Task Lone_surrogate_escape_gets_400_naming_the_field_and_imports_nothing(string file, string field)
    {
        var before = await app.CountAsync("queues");
        using var response = await app.Queues().Http.PostAsync("api/v1/queues:import?format=job-chief", new StringContent(file, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["lone surrogate"], problem!.Errors![field].Select(m => m.Contains("lone surrogate", StringComparison.Ordinal) ? "lone surrogate" : m));
        Assert.Equal(before, await app.CountAsync("queues"));
    }

    [Fact]
    public async Task Seed_example_round_trips_and_every_unmapped_field_is_reported()
    {
        var result = await app.Queues().ImportJobChiefAsync(Example);
        var tiles = await app.Queues().GetAsync("tiles");
        var exports = await app.Queues().GetAsync("exports");

        Assert.Equal(["exports", "tiles"], result.Created.Order());
        Assert.Empty(result.Updated);
        Assert.Equal(
        [
            "[0].podConfig.configmaps", "[0].podConfig.env[1].valueFrom", "[0].podConfig.injectPgConfig", "[0].podConfig.liveness",
            "[0].podConfig.pullPolicy", "[0].podConfig.secrets",
        ], result.Unmapped.Select(u => u.Field).Order());
        Assert.All(result.Unmapped, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));
        Assert.Equal(2, result.Notes.Count);
        var spec = tiles.Spec;
        Assert.Equal((QueueDefaults.CommandRuntime, "registry.local/tiler:1.4", 2), (spec.Runtime, spec.Image, spec.Parallelism));
        Assert.Equal(["node", "drain.js"], spec.Command);
        Assert.Equal(["--verbose"], spec.Args);
        Assert.Equal(new Dictionary<string, string> { ["LEVEL"] = "12", ["QUEUE_NAME"] = "tiles" }, spec.Env);
        Assert.Equal(new Dictionary<string, string> { ["prometheus.io/scrape"] = "true", ["team"] = "maps" }, spec.Annotations);
        Assert.Equal(new Dictionary<string, string> { ["QUEUE_NAME"] = "exports" }, exports.Spec.Env);
        Assert.Empty(exports.Spec.Annotations);
        Assert.Equal("500m", spec.Resources!.Limits["cpu"]);
        Assert.Equal("64Mi", spec.Resources.Requests["memory"]);
        Assert.Equal(("5s", "55s", "1m", "5s", "15s", "10s"), (spec.WaitTimeAfterSuccessfulRun, spec.QueueCheckInterval, spec.JobStartTimeout,
            spec.WaitTimeAfterTimeout, spec.WaitTimeAfterError, spec.WaitTimeAfterFailedRun));
        Assert.Equal(("1h30m", "2m"), (exports.Spec.QueueCheckInterval, exports.Spec.WaitTimeAfterFailedRun));

        var again = await app.Queues().ImportJobChiefAsync(Example);
        Assert.Equal(["exports", "tiles"], again.Updated.Order());
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { Job("\"jobStartTimeout\": \"5x\""), "[0].jobStartTimeout" },
        { Job("\"waitTimeAfterError\": \"-1s\""), "[0].waitTimeAfterError" },
        { Job("\"queueCheckInterval\": 55"), "[0].queueCheckInterval" },
        { Job(queueName: "\"Bad_Name\""), "[0].queueName" },
        { Job(queueName: "7"), "[0].queueName" },
        { Job(pod: """{ "parallelism": "two", "image": "i", "command": ["x"] }"""), "[0].podConfig.parallelism" },
        { Job(pod: """{ "parallelism": 0, "image": "i", "command": ["x"] }"""), "[0].podConfig.parallelism" },
        { Job(pod: """{ "parallelism": 1, "image": "i", "command": "x" }"""), "[0].podConfig.command" },
        { Job(pod: """{ "parallelism": 1, "image": "i", "command": ["x"], "env": [{ "value": "v" }] }"""), "[0].podConfig.env[0].name" },
        { Job(pod: """{ "parallelism": 1, "image": "i", "command": ["x"], "annotations": ["a"] }"""), "[0].podConfig.annotations" },
        { Job(pod: """{ "parallelism": 1, "image": "i", "command": ["x"], "annotations": { "a": 1 } }"""), "[0].podConfig.annotations.a" },
        { Job(pod: """{ "parallelism": 1, "image": "i", "command": ["x"], "annotations": { "bad key!": "v" } }"""), "[0].podConfig.annotations.bad key!" },
        { Job(pod: """{ "parallelism": 1, "image": "i", "command": ["x"], "env": [{ "name": "PATH", "value": "/x" }] }"""), "[0].podConfig.env" },
        { Job(pod: """{ "parallelism": 1, "image": "i", "command": ["x"], "resources": { "limits": { "memory": "128mi" } } }"""), "[0].podConfig.resources.limits.memory" },
        { Job(pod: "[]"), "[0].podConfig" },
        { "[" + Job().Trim('[', ']') + "," + Job().Trim('[', ']') + "]", "[1].queueName" },
        { """[{ "queueName": "lonely" }]""", "[0].podConfig" },
        { """{ "queueName": "not-an-array" }""", "body" },
        { "[]", "body" },
        { "[ { ", "body" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_field_gets_400_naming_it_and_imports_nothing(string body, string field)
    {
        var before = await app.CountAsync("queues");
        using var response = await app.Queues().Http.PostAsync("api/v1/queues:import?format=job-chief", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem?.Errors?.ContainsKey(field) == true,
            $"expected an error for '{field}', got: {string.Join(" | ", problem?.Errors?.Select(e => e.Key + ": " + string.Join("; ", e.Value)) ?? [])}");
        Assert.Equal(before, await app.CountAsync("queues"));
    }

    [Fact]
    public async Task Unknown_format_is_refused()
    {
        using var response = await app.Queues().Http.PostAsync("api/v1/queues:import?format=keda", new StringContent(Example, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem!.Errors!.ContainsKey("format"));
    }

    private static string Job(string? replace = null, string queueName = "\"ok-name\"", string pod = """{ "parallelism": 1, "image": "i", "command": ["x"] }""")
    {
        var fields = new Dictionary<string, string>
        {
            ["waitTimeAfterSuccessfulRun"] = "\"5s\"", ["queueCheckInterval"] = "\"55s\"", ["jobStartTimeout"] = "\"1m\"",
            ["waitTimeAfterTimeout"] = "\"5s\"", ["waitTimeAfterError"] = "\"15s\"", ["waitTimeAfterFailedRun"] = "\"10s\"",
        };
        if (replace is not null)
        {
            var (key, value) = (replace.Split(':')[0].Trim().Trim('"'), replace[(replace.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
            fields[key] = value;
        }
        return $"[{{ \"queueName\": {queueName}, \"podConfig\": {pod}, {string.Join(", ", fields.Select(f => $"\"{f.Key}\": {f.Value}"))} }}]";
    }

    [Fact]
    public async Task A_queue_name_set_in_pod_config_env_wins_over_the_one_job_chief_sets()
    {
        await app.Queues().ImportJobChiefAsync(Job(queueName: "\"own-name\"",
            pod: """{ "parallelism": 1, "image": "i", "command": ["x"], "env": [{ "name": "QUEUE_NAME", "value": "legacy" }] }"""));

        Assert.Equal(new Dictionary<string, string> { ["QUEUE_NAME"] = "legacy" }, (await app.Queues().GetAsync("own-name")).Spec.Env);
    }

    [Fact]
    public async Task A_job_without_command_imports_to_run_the_images_entrypoint_and_says_so()
    {
        var result = await app.Queues().ImportJobChiefAsync(Job(queueName: "\"no-command\"", pod: """{ "parallelism": 1, "image": "registry.local/drain:3", "args": ["--fast"] }"""));
        var spec = (await app.Queues().GetAsync("no-command")).Spec;

        Assert.Equal(["no-command"], result.Created);
        Assert.Empty(result.Unmapped);
        Assert.Empty(spec.Command);
        Assert.Equal(["--fast"], spec.Args);
        Assert.Equal("registry.local/drain:3", spec.Image);
        Assert.Contains(result.Notes, n => n.StartsWith("[0] (no-command): podConfig has no command, so the pool pods run the image's own entrypoint with podConfig.args", StringComparison.Ordinal));
        var bare = await app.Queues().ImportJobChiefAsync(Job(queueName: "\"bare-image\"", pod: """{ "parallelism": 1, "image": "registry.local/drain:3" }"""), dryRun: true);
        Assert.Equal(["bare-image"], bare.Created);
        Assert.Contains(bare.Notes, n => n.EndsWith("the pool cannot start.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dry_run_import_says_what_it_would_create_and_update_and_writes_nothing()
    {
        var file = Example.Replace("\"tiles\"", "\"dry-tiles\"", StringComparison.Ordinal).Replace("\"exports\"", "\"dry-exports\"", StringComparison.Ordinal);
        await app.Queues().ImportJobChiefAsync(file.Replace("\"dry-tiles\"", "\"dry-kept\"", StringComparison.Ordinal));

        var result = await app.Queues().ImportJobChiefAsync(file.Replace("\"dry-exports\"", "\"dry-kept\"", StringComparison.Ordinal), dryRun: true);

        Assert.True(result.DryRun);
        Assert.Equal(["dry-tiles"], result.Created);
        Assert.Equal(["dry-kept"], result.Updated);
        Assert.NotEmpty(result.Unmapped);
        var missing = await Assert.ThrowsAsync<Overseer.Contracts.Client.OverseerApiException>(() => app.Queues().GetAsync("dry-tiles"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_dry_run_definition_answers_the_normalized_spec_and_creates_no_queue()
    {
        using var response = await app.Queues().Http.PutAsJsonAsync("api/v1/queues/dry-defined?dryRun=true", new QueueSpec { Command = ["true"] });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"poolTimeout\":\"1h\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<Overseer.Contracts.Client.OverseerApiException>(() => app.Queues().GetAsync("dry-defined"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
