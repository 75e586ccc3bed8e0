using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Overseer.Api.Infrastructure.Http;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Tests.Infrastructure.Http;

public sealed class StrictQueryTests(ApiApplication app) : IClassFixture<ApiApplication>
{
    private readonly OverseerClient _client = app.AdminClient();

    [Fact]
    public async Task Every_get_endpoint_of_api_v1_refuses_unknown_query_parameters_naming_each_and_takes_its_known_ones()
    {
        var gets = GetEndpoints().ToList();
        var wrong = new List<string>();
        foreach (var endpoint in gets)
        {
            var path = PathOf(endpoint.RoutePattern);
            var (status, errors) = await GetAsync(path + "?zzUnknown=1&alsoUnknown=2");
            if (status != HttpStatusCode.BadRequest || !IsUnknown(errors, "zzUnknown") || !IsUnknown(errors, "alsoUnknown") || errors.Count != 2)
            {
                wrong.Add($"{path} with unknown parameters: {(int)status} {string.Join(", ", errors.Keys)}");
            }
            foreach (var known in BoundQueryParameters.Of(endpoint))
            {
                var (_, knownErrors) = await GetAsync($"{path}?{known}=");
                if (IsUnknown(knownErrors, known))
                {
                    wrong.Add($"{path} refused its own parameter {known}");
                }
            }
        }

        Assert.Empty(wrong);
        Assert.True(gets.Count >= 16, $"only {gets.Count} GET endpoints found");
        Assert.Equal(["cursor", "limit"], Known("/api/v1/workflows/"));
        Assert.Equal(["attempt"], Known("/api/v1/tasks/{id:guid}/logs"));
        Assert.Equal(["before", "limit", "state"], Known("/api/v1/queues/{name}/items"));
        Assert.Contains("createdAfter", Known("/api/v1/tasks/"));
        Assert.Empty(Known("/api/v1/stats"));
    }

    [Fact]
    public async Task Two_misspelt_task_filters_are_both_named_in_one_problem_instead_of_listing_everything()
    {
        using var response = await _client.Http.GetAsync("api/v1/tasks?stat=Failed&limt=5&state=Failed");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The query is not valid", problem.RootElement.GetProperty("title").GetString());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Equal(["limt", "stat"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.StartsWith("is not a known query parameter (known: createdAfter, createdBefore, cursor, label, limit,",
            errors.GetProperty("stat")[0].GetString());
    }

    [Fact]
    public async Task Known_parameters_still_work_in_any_case_and_an_endpoint_without_parameters_says_so()
    {
        var task = await _client.SubmitTaskAsync(new TaskSpec { Name = "strict-query", Command = ["true"] });

        var page = await _client.ListTasksAsync(new TaskQuery { NamePrefix = "strict-query", Limit = 5 });
        using var anyCase = await _client.Http.GetAsync("api/v1/tasks?NAMEPREFIX=strict-query&Limit=5");
        using var logs = await _client.Http.GetAsync($"api/v1/tasks/{task.Id}/logs?attempt=1");
        var (status, errors) = await GetAsync("/api/v1/stats?verbose=1");

        Assert.Equal([task.Id], page.Items.Select(t => t.Id));
        Assert.Equal(HttpStatusCode.OK, anyCase.StatusCode);
        Assert.NotEqual(HttpStatusCode.BadRequest, logs.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["is not a known query parameter (this endpoint takes no query parameters)"], errors["verbose"]);
    }

    private IEnumerable<RouteEndpoint> GetEndpoints() => app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true
            && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Get) == true);

    private string[] Known(string pattern) =>
        [.. BoundQueryParameters.Of(GetEndpoints().Single(e => e.RoutePattern.RawText!.TrimEnd('/') == pattern.TrimEnd('/'))).Order(StringComparer.Ordinal)];

    private async Task<(HttpStatusCode Status, Dictionary<string, string[]> Errors)> GetAsync(string pathAndQuery)
    {
        using var response = await _client.Http.GetAsync(pathAndQuery.TrimStart('/'));
        var body = await response.Content.ReadAsStringAsync();
        var errors = new Dictionary<string, string[]>();
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            && JsonDocument.Parse(body).RootElement.TryGetProperty("errors", out var found))
        {
            errors = found.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray());
        }
        return (response.StatusCode, errors);
    }

    private static bool IsUnknown(Dictionary<string, string[]> errors, string name) =>
        errors.TryGetValue(name, out var messages) && messages.Any(m => m.StartsWith("is not a known query parameter", StringComparison.Ordinal));

    private static string PathOf(RoutePattern pattern) => "/" + string.Join("/", pattern.PathSegments.Select(segment =>
        string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart { IsCatchAll: true } => "out.txt",
            RoutePatternParameterPart p when p.ParameterPolicies.Any(c => c.Content == "guid") => Guid.NewGuid().ToString(),
            RoutePatternParameterPart p when p.ParameterPolicies.Any(c => c.Content is "int" or "long") => "1",
            _ => "strict-query",
        }))));
}
