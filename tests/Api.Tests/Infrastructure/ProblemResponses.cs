using System.Text.Json;
using Overseer.Testing.BadInput;

namespace Overseer.Api.Tests.Infrastructure;

/// <summary>What every answer to bad input must look like: no 5xx, and every 4xx an RFC 9457 problem document.</summary>
internal static class ProblemResponses
{
    /// <summary>
    /// Sends <paramref name="body"/> as <paramref name="contentType"/> with <paramref name="method"/> to <paramref name="path"/>
    /// within <see cref="Bounded.Timeout"/>, and asserts the answer as <see cref="AssertNotServerErrorAsync"/> does;
    /// <paramref name="input"/> names the case in failures (the body when null).
    /// </summary>
    public static void SendAndCheck(HttpClient http, HttpMethod method, string path, string body, string contentType = "application/json",
        string? input = null)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = Bounded.RunAsync(ct => http.SendAsync(new HttpRequestMessage(method, path) { Content = content }, ct)).GetAwaiter().GetResult();
        AssertNotServerErrorAsync(response, input ?? body).GetAwaiter().GetResult();
    }

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
