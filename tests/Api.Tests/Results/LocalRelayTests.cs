using Overseer.Contracts.Signing;
using Overseer.Contracts.Tasks;
using Overseer.Testing;

namespace Overseer.Api.Tests.Results;

/// <summary>The local executor's result path through the shared Sidecar, with real processes.</summary>
public sealed class LocalRelayTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    // Posts a result, keeps its URL for the test, and sends canaries through the proxy (query string and proxy credentials).
    private const string Runner = """
        printf %s "$OVERSEER_RESULT_URL" > url.txt
        curl -s -o /dev/null -w 'post %{http_code}\n' -X POST -H 'Content-Type: application/json' --data '{"answer": 42}' "$OVERSEER_RESULT_URL"
        curl -s -o /dev/null -w 'proxy %{http_code}\n' -H 'Proxy-Authorization: Basic CANARY-PROXY-AUTH' "http://canary.invalid/?q=CANARY-QUERY-SECRET"
        """;

    [Fact]
    public async Task Local_task_result_arrives_verified_another_task_cannot_post_it_and_no_secret_is_logged()
    {
        await using var stack = await RelayStack.StartAsync();
        var dirA = TestDirectories.CreateForTasks("task-a");
        var dirB = TestDirectories.CreateForTasks("task-b");

        var a = await stack.Client.WaitForTerminalAsync((await stack.Client.SubmitTaskAsync(
            new TaskSpec { Name = "a", Command = ["sh", "-c", Runner], WorkingDir = dirA })).Id, Wait);
        // B learns A's task id and tries to post for it with its own URL's token.
        var b = await stack.Client.WaitForTerminalAsync((await stack.Client.SubmitTaskAsync(new TaskSpec
        {
            Name = "b",
            WorkingDir = dirB,
            Command = ["sh", "-c", $$"""
                printf %s "$OVERSEER_RESULT_URL" > url.txt
                forged=$(printf %s "$OVERSEER_RESULT_URL" | sed "s/$OVERSEER_TASK_ID/{{a.Id}}/")
                curl -s -o /dev/null -w 'forged %{http_code}\n' -X POST --data '{"answer": 666}' "$forged"
                """],
        })).Id, Wait);

        Assert.Equal(TaskState.Succeeded, a.State);
        var logA = await stack.Client.GetLogsAsync(a.Id);
        Assert.Contains("post 202", logA);
        Assert.Contains("proxy 403", logA);
        Assert.Contains("forged 403", await stack.Client.GetLogsAsync(b.Id));
        await Eventually.TrueAsync(async () => (await stack.Client.GetTaskAsync(a.Id)).Attempts[0].Result is not null, Wait, "A's result recorded");
        var attempt = (await stack.Client.GetTaskAsync(a.Id)).Attempts[0];
        Assert.Equal(42, attempt.Result!.Value.GetProperty("answer").GetInt32());
        Assert.True(attempt.ResultVerified);
        Assert.Null((await stack.Client.GetTaskAsync(b.Id)).Attempts[0].Result);

        var canaries = new List<string> { stack.MasterKey, "CANARY-PROXY-AUTH", "CANARY-QUERY-SECRET" };
        foreach (var (dir, id) in new[] { (dirA, a.Id), (dirB, b.Id) })
        {
            var url = await File.ReadAllTextAsync(Path.Combine(dir, "url.txt"));
            canaries.Add(url.Split('/')[^2]);
            canaries.Add(Base64Url.Encode(AttemptKeys.Derive(Convert.FromBase64String(stack.MasterKey), id, 1)));
        }
        await stack.Sidecar.WaitForLineAsync("denied http GET canary.invalid:80", Wait);
        Assert.All(canaries, c => Assert.True(c.Length >= 16, "canary too short to mean anything"));
        foreach (var canary in canaries)
        {
            Assert.Empty(stack.Api.Lines.Where(l => l.Contains(canary, StringComparison.Ordinal)).Select(l => "api: " + l));
            Assert.Empty(stack.Sidecar.Lines.Where(l => l.Contains(canary, StringComparison.Ordinal)).Select(l => "sidecar: " + l));
        }
        Assert.Contains("Request starting", stack.Api.Output, StringComparison.Ordinal);
        TestDirectories.Delete(dirA);
        TestDirectories.Delete(dirB);
    }

    [Fact]
    public async Task Api_unreachable_for_30_seconds_delays_the_result_but_does_not_lose_it()
    {
        await using var stack = await RelayStack.StartAsync(apiReachable: false);

        var task = await stack.Client.WaitForTerminalAsync((await stack.Client.SubmitTaskAsync(new TaskSpec
        {
            Name = "outage",
            Command = ["sh", "-c", """curl -s -o /dev/null -w 'post %{http_code}\n' -X POST --data '{"survived": true}' "$OVERSEER_RESULT_URL" """],
        })).Id, Wait);
        Assert.Equal(TaskState.Succeeded, task.State);
        Assert.Contains("post 202", await stack.Client.GetLogsAsync(task.Id));

        await Task.Delay(TimeSpan.FromSeconds(30));
        Assert.Null((await stack.Client.GetTaskAsync(task.Id)).Attempts[0].Result);
        Assert.Contains("Api unavailable", stack.Sidecar.Output, StringComparison.Ordinal);
        stack.ApiPath.Up();

        await Eventually.TrueAsync(async () => (await stack.Client.GetTaskAsync(task.Id)).Attempts[0].Result is not null,
            TimeSpan.FromSeconds(15), "result delivered once the Api is back");
        var attempt = (await stack.Client.GetTaskAsync(task.Id)).Attempts[0];
        Assert.True(attempt.Result!.Value.GetProperty("survived").GetBoolean());
        Assert.True(attempt.ResultVerified);
    }
}
