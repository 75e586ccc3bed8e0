using System.Net.Http.Headers;
using System.Text.Json;
using Overseer.AppHost.Postgres;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.Testing;

namespace Overseer.AppHost.Tests.Run;

/// <summary>
/// One submitted task is one trace in the Aspire dashboard, read back through its telemetry API: the HTTP submit,
/// the dispatch, the attempt, the task's own call (it uses <c>TRACEPARENT</c>), the Sidecar relaying its result and
/// the Api recording it.
/// </summary>
public sealed class AppHostTraceTests
{
    private const string Script = """
        echo "$TRACEPARENT"
        curl -s -o /dev/null -w 'post %{http_code}\n' -X POST -H "traceparent: $TRACEPARENT" -H 'Content-Type: application/json' \
          --data '{"answer": 42}' "$OVERSEER_RESULT_URL"
        """;

    [Fact]
    public async Task A_task_is_one_trace_from_submit_through_dispatch_attempt_and_the_relayed_result()
    {
        var dataDir = TestDirectories.Create("apphost-trace");
        try
        {
            var (apiPort, aspirePort) = (FreePort.Pick(), FreePort.Pick());
            await using var apphost = ChildProcess.StartDotnet(RepoPaths.Built("AppHost", "Overseer.AppHost.dll"),
                new Dictionary<string, string?> { ["ConnectionStrings__overseer"] = null, ["OVERSEER_ADMIN_TOKEN"] = null },
                "--data-dir", dataDir, "--api-port", apiPort.ToString(), "--dashboard-port", FreePort.Pick().ToString(),
                "--sidecar-port", FreePort.Pick().ToString(), "--proxy-port", FreePort.Pick().ToString(),
                "--aspire-port", aspirePort.ToString(), "--aspire-otlp-port", FreePort.Pick().ToString(), "--aspire-resource-port", FreePort.Pick().ToString());
            await apphost.WaitForOutputAsync("Overseer is running", TimeSpan.FromSeconds(120));
            using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}/") };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Read(dataDir, "admin-token"));
            var client = new OverseerClient(api);

            var task = await client.SubmitTaskAsync(new TaskSpec { Name = "traced", Command = ["sh", "-c", Script] });
            var done = await client.WaitForTerminalAsync(task.Id, TimeSpan.FromSeconds(60));
            var log = await client.GetLogsAsync(task.Id);
            Assert.True(done.State == TaskState.Succeeded, log);
            Assert.Contains("post 202", log);
            var traceId = log.Split('\n')[0].Split('-')[1];

            using var telemetry = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{aspirePort}/") };
            telemetry.DefaultRequestHeaders.Add("x-api-key", Read(dataDir, "aspire-api-key"));
            List<Span> spans = [];
            // Exporters batch: the spans arrive within a few seconds.
            await Eventually.TrueAsync(async () =>
            {
                spans = await SpansAsync(telemetry, traceId);
                var ids = spans.Select(s => s.Id).ToHashSet();
                return spans.Any(s => s.Service == "api" && s.Name == "POST /internal/v1/results" && ids.Contains(s.Parent ?? ""))
                    && spans.Any(s => s.Service == "sidecar" && s.Parent is { } p && ids.Contains(p));
            }, TimeSpan.FromSeconds(30), "the result's relay and recording in the trace");

            var submit = Single(spans, "api", "POST /api/v1/tasks/");
            var dispatch = Single(spans, "api", "dispatch");
            var attempt = Single(spans, "api", "attempt");
            var relay = spans.Single(s => s.Service == "sidecar" && s.Name.StartsWith("POST /v1/attempts/", StringComparison.Ordinal));
            var recorded = Single(spans, "api", "POST /internal/v1/results");
            Assert.Null(submit.Parent);
            Assert.Equal(submit.Id, dispatch.Parent);
            Assert.Equal(dispatch.Id, attempt.Parent);
            // The task's TRACEPARENT is its attempt's span; the relay is the task's call.
            Assert.Equal(attempt.Id, log.Split('\n')[0].Split('-')[2]);
            Assert.Equal(attempt.Id, relay.Parent);
            var relayCall = spans.Single(s => s.Id == recorded.Parent);
            Assert.Equal(("sidecar", relay.Id), (relayCall.Service, relayCall.Parent));
            Assert.Contains(spans, s => s.Service == "api" && s.Scope == "Npgsql" && s.Parent == submit.Id);
        }
        finally
        {
            TestDirectories.Delete(dataDir);
        }
    }

    private static Span Single(List<Span> spans, string service, string name) =>
        Assert.Single(spans, s => s.Service == service && s.Name == name);

    private static string Read(string dataDir, string file) => File.ReadAllText(Path.Combine(dataDir, file)).Trim();

    /// <summary>Every span of one trace, from the dashboard's OTLP/JSON answer.</summary>
    private static async Task<List<Span>> SpansAsync(HttpClient telemetry, string traceId)
    {
        using var response = await telemetry.GetAsync($"api/telemetry/traces/{traceId}");
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var spans = new List<Span>();
        foreach (var resource in json.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            var service = resource.GetProperty("resource").GetProperty("attributes").EnumerateArray()
                .First(a => a.GetProperty("key").GetString() == "service.name").GetProperty("value").GetProperty("stringValue").GetString()!;
            foreach (var scope in resource.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                {
                    spans.Add(new Span(service, scope.GetProperty("scope").GetProperty("name").GetString()!, span.GetProperty("name").GetString()!,
                        span.GetProperty("spanId").GetString()!, span.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() : null));
                }
            }
        }
        return spans;
    }

    private sealed record Span(string Service, string Scope, string Name, string Id, string? Parent);
}
