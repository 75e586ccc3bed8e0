using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Api.Workflows.Compile;
using Overseer.Api.Workflows.Parsing;
using Overseer.Testing.BadInput;

namespace Overseer.Api.Tests.Workflows;

/// <summary>
/// Hostile workflow documents (JSON, YAML, ManagedJob form) are compiled or rejected with a named problem; reading and
/// compiling never throws anything else, never hangs, and the Api never answers 5xx.
/// </summary>
public sealed class WorkflowParserPropertyTests(ApiApplication app) : IClassFixture<ApiApplication>
{
    private static readonly string[] YamlSeeds =
    [
        WorkflowSamples.ManagedJobSample,
        WorkflowSamples.Workflow("""
                - name: build
                  jobs:
                    - {name: compile, command: ["true"], env: {MODE: fast}}
                    - {name: test, command: ["true"], dependsOn: [build/compile], timeoutSeconds: 30}
                - name: ship
                  dependsOn: [build]
                  jobs:
                    - {name: upload, command: ["true"], retries: 1}
            """, name: "pipeline", extraSpec: "  params: {env: [{name: REGION, value: eu}]}"),
    ];

    private static readonly string[] JsonSeeds = [.. YamlSeeds.Select(y => YamlToJson.Read(y)!.ToJsonString())];

    private static readonly Gen<(string Body, string ContentType)> Documents = Gen.OneOf(
        Hostile.Json(JsonSeeds).Select(b => (b, "application/json")),
        Hostile.Yaml(YamlSeeds, JsonSeeds).Select(b => (b, "application/yaml")));

    [Fact]
    public void Every_document_compiles_or_is_rejected_with_a_named_problem()
    {
        var (compiled, rejected) = (0, 0);
        Bounded.Check(Documents, 300, input =>
        {
            var ok = Bounded.Run(() => ReadAndCompile(input.Body, input.ContentType));
            _ = ok ? compiled++ : rejected++;
        });

        Assert.True(compiled > 0 && rejected > 0, $"the generator should produce both kinds ({compiled} compiled, {rejected} rejected)");
    }

    [Fact]
    public void Every_document_submitted_over_http_gets_an_answer_below_500_and_4xx_as_problem_json()
    {
        using var http = app.CreateAuthorizedClient(ApiApplication.AdminToken);
        Bounded.Check(Documents, 30, input =>
        {
            ProblemResponses.SendAndCheck(http, HttpMethod.Post, input.Body.Length % 2 == 0 ? "api/v1/workflows?dryRun=true" : "api/v1/workflows",
                input.Body, input.ContentType);
        });
    }

    private static bool ReadAndCompile(string body, string contentType)
    {
        try
        {
            var document = WorkflowReader.Read(Encoding.UTF8.GetBytes(body), contentType);
            var (plan, errors) = WorkflowCompiler.Compile(document);
            Assert.True(plan is null != errors.IsEmpty, "a plan exactly when there are no errors");
            return plan is not null;
        }
        catch (DocumentException e)
        {
            Assert.False(string.IsNullOrEmpty(e.Field));
            return false;
        }
    }
}
