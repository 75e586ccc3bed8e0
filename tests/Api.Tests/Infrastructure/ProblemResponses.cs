using System.Text.Json;
using Overseer.Testing.BadInput;

namespace Overseer.Api.Tests.Infrastructure;

/// <summary>What every answer to bad input must look like: no 5xx, and every 4xx an RFC 9457 problem document.</summary>
internal static class ProblemResponses
{
    /// <summary>Asserts <paramref name="response"/> is below 500 and, when 4xx, problem+json with a matching status and a title.</summary>
    public static async Task AssertNotServerErrorAsync(HttpResponseMessage response, string input)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status < 500, $"{status} for input {Bounded.Show(input)}\n{body}");
        if (status < 400)
        {
            return;
        }
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{status} answered as {response.Content.Headers.ContentType} for input {Bounded.Show(input)}\n{body}");
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()), $"a problem without a title: {body}");
    }
}
