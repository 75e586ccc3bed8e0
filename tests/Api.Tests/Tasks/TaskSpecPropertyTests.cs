using System.Text;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Http;
using Overseer.Api.Tasks;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Validation;
using Overseer.Testing.BadInput;

namespace Overseer.Api.Tests.Tasks;

/// <summary>
/// Hostile task specs (JSON and YAML) are accepted or rejected with a 4xx problem; reading and validating never throws,
/// never hangs, and the Api never answers 5xx.
/// </summary>
public sealed class TaskSpecPropertyTests(ApiApplication app) : IClassFixture<ApiApplication>
{
    private const int MaxRequestBytes = 4 * 1024 * 1024;

    private static readonly FsCheck.Gen<(string Body, string ContentType)> Bodies = FsCheck.Fluent.Gen.OneOf(
        Hostile.Json(TaskSpecSamples.Json).Select(b => (b, "application/json")),
        Hostile.Yaml(TaskSpecSamples.Yaml, TaskSpecSamples.Json).Select(b => (b, "application/yaml")));

    [Fact]
    public void Every_spec_is_read_and_validated_or_rejected_with_a_4xx_problem()
    {
        var (accepted, rejected) = (0, 0);
        Bounded.Check(Bodies, 300, input =>
        {
            var valid = Bounded.Run(() => ReadAndValidate(input.Body, input.ContentType));
            _ = valid ? accepted++ : rejected++;
        });

        Assert.True(accepted > 0 && rejected > 0, $"the generator should produce both valid and invalid specs ({accepted} accepted, {rejected} rejected)");
    }

    [Fact]
    public void Every_spec_submitted_over_http_gets_an_answer_below_500_and_4xx_as_problem_json()
    {
        using var http = app.CreateAuthorizedClient(ApiApplication.AdminToken);
        Bounded.Check(Bodies, 30, input =>
        {
            ProblemResponses.SendAndCheck(http, HttpMethod.Post, "api/v1/tasks", input.Body, input.ContentType);
        });
    }

    /// <summary>True when the spec is valid; false when it is rejected as the Api would (a 4xx problem or validation errors).</summary>
    private static bool ReadAndValidate(string body, string contentType)
    {
        var context = new DefaultHttpContext();
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.ContentType = contentType;
        var (spec, problem) = TaskSpecReader.ReadAsync(context.Request, MaxRequestBytes).GetAwaiter().GetResult();
        if (problem is not null)
        {
            Assert.InRange(problem.StatusCode, 400, 499);
            return false;
        }
        var errors = TaskSpecValidator.Validate(TaskSpecValidator.Normalize(spec!));
        return errors.IsEmpty;
    }
}
