using System.Net;
using System.Text;
using Dapper;
using Overseer.Contracts.Signing;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Tests.Results;

public sealed class ResultSigningTests(ResultsApiApplication app) : IClassFixture<ResultsApiApplication>
{
    private const string Path = InternalPaths.Results;

    [Theory]
    [InlineData("path")]
    [InlineData("task")]
    [InlineData("attempt")]
    [InlineData("timestamp")]
    [InlineData("nonce")]
    [InlineData("body")]
    [InlineData("signature")]
    public async Task Tampering_with_any_signed_field_gives_401(string field)
    {
        var task = await app.RunTaskAsync(new TaskSpec { Name = "tamper", Command = ["true"] });
        var request = ResultsApiApplication.Signed(Path, task.Id, 1, ResultsApiApplication.Envelope("""{"v":1}"""));
        switch (field)
        {
            case "path":
                request.RequestUri = new Uri(InternalPaths.Heartbeats, UriKind.Relative);
                break;
            case "task":
                Replace(request, SigningHeaders.TaskId, Guid.CreateVersion7().ToString());
                break;
            case "attempt":
                Replace(request, SigningHeaders.Attempt, "2");
                break;
            case "timestamp":
                Replace(request, SigningHeaders.Timestamp, CanonicalRequest.FormatTimestamp(DateTimeOffset.UtcNow.AddSeconds(-7)));
                break;
            case "nonce":
                Replace(request, SigningHeaders.Nonce, RequestSigner.NewNonce());
                break;
            case "body":
                request.Content = new StringContent(ResultsApiApplication.Envelope("""{"v":2}"""), Encoding.UTF8, "application/json");
                break;
            default:
                var signature = request.Headers.GetValues(SigningHeaders.Signature).Single();
                Replace(request, SigningHeaders.Signature, (signature[0] == '0' ? "1" : "0") + signature[1..]);
                break;
        }

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null((await app.AdminClient().GetTaskAsync(task.Id)).Attempts[0].Result);
    }

    [Fact]
    public async Task Replayed_request_is_rejected()
    {
        var task = await app.RunTaskAsync(new TaskSpec { Name = "replay", Command = ["true"] });
        var nonce = RequestSigner.NewNonce();
        var at = DateTimeOffset.UtcNow;
        var client = app.CreateClient();

        var first = await client.SendAsync(ResultsApiApplication.Signed(Path, task.Id, 1, ResultsApiApplication.Envelope("1"), at, nonce));
        var replay = await client.SendAsync(ResultsApiApplication.Signed(Path, task.Id, 1, ResultsApiApplication.Envelope("1"), at, nonce));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Contains("nonce", await replay.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(299, true)]
    [InlineData(-299, true)]
    [InlineData(301, false)]
    [InlineData(-301, false)]
    public async Task Clock_skew_within_300_seconds_is_accepted_and_beyond_it_rejected(int seconds, bool accepted)
    {
        var task = await app.RunTaskAsync(new TaskSpec { Name = "skew", Command = ["true"] });
        // Timestamps have whole seconds: round so that the request's delay can only move the skew towards the window's inside.
        var now = DateTimeOffset.UtcNow;
        var whole = DateTimeOffset.FromUnixTimeSeconds(accepted == seconds > 0 ? now.ToUnixTimeSeconds() : now.ToUnixTimeSeconds() + 1);
        var at = whole.AddSeconds(seconds);

        var response = await app.CreateClient().SendAsync(ResultsApiApplication.Signed(Path, task.Id, 1, ResultsApiApplication.Envelope("true"), at));

        Assert.Equal(accepted ? HttpStatusCode.Created : HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Result_of_an_older_attempt_is_fenced_and_counted_while_the_latest_one_is_recorded_after_it_ended()
    {
        app.CountMetrics();
        var task = await app.RunTaskAsync(new TaskSpec { Name = "fenced", Command = ["sh", "-c", "exit 3"], Retries = 1 });
        Assert.Equal(2, task.Attempt);
        var client = app.CreateClient();
        var before = app.Count("overseer.results.fenced/result");

        var old = await client.SendAsync(ResultsApiApplication.Signed(Path, task.Id, 1, ResultsApiApplication.Envelope("\"old\"")));
        var future = await client.SendAsync(ResultsApiApplication.Signed(Path, task.Id, 3, ResultsApiApplication.Envelope("\"future\"")));
        var latest = await client.SendAsync(ResultsApiApplication.Signed(Path, task.Id, 2, ResultsApiApplication.Envelope("\"latest\"")));

        Assert.Equal(HttpStatusCode.Conflict, old.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, future.StatusCode);
        Assert.Equal(HttpStatusCode.Created, latest.StatusCode);
        Assert.Equal(before + 2, app.Count("overseer.results.fenced/result"));
        var attempts = (await app.AdminClient().GetTaskAsync(task.Id)).Attempts;
        Assert.Null(attempts[0].Result);
        Assert.Equal("latest", attempts[1].Result!.Value.GetString());
        Assert.True(attempts[1].ResultVerified);
    }

    [Fact]
    public async Task Twenty_concurrent_duplicate_deliveries_are_recorded_once()
    {
        var task = await app.RunTaskAsync(new TaskSpec { Name = "dupes", Command = ["true"] });
        var body = ResultsApiApplication.Envelope("""{"answer":42}""");
        var gate = new TaskCompletionSource();
        var sends = Enumerable.Range(0, 20).Select(async _ =>
        {
            using var client = app.CreateClient();
            var request = ResultsApiApplication.Signed(Path, task.Id, 1, body);
            await gate.Task;
            return (await client.SendAsync(request)).StatusCode;
        }).ToList();
        gate.SetResult();
        var statuses = await Task.WhenAll(sends);

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(19, statuses.Count(s => s == HttpStatusCode.OK));
        await using var connection = await app.Database.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM attempt_results WHERE task_id = @id", new { id = task.Id }));
        var conflicting = await app.CreateClient().SendAsync(ResultsApiApplication.Signed(Path, task.Id, 1, ResultsApiApplication.Envelope("0")));
        Assert.Equal(HttpStatusCode.Conflict, conflicting.StatusCode);
    }

    [Fact]
    public async Task Result_with_files_is_stored_and_files_are_downloadable()
    {
        var task = await app.RunTaskAsync(new TaskSpec { Name = "files", Command = ["true"] });
        var content = "a,b\n1,2\n"u8.ToArray();
        var envelope = $$"""{"result":null,"files":[{"path":"out/data.csv","size":{{content.Length}},"sha256":"{{CanonicalRequest.BodyHash(content)}}","content":"{{Convert.ToBase64String(content)}}"}]}""";
        var badPath = envelope.Replace("out/data.csv", "../etc/passwd", StringComparison.Ordinal);
        var client = app.CreateClient();

        var refused = await client.SendAsync(ResultsApiApplication.Signed(Path, task.Id, 1, badPath));
        var recorded = await client.SendAsync(ResultsApiApplication.Signed(Path, task.Id, 1, envelope));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var attempt = (await app.AdminClient().GetTaskAsync(task.Id)).Attempts[0];
        Assert.Equal(["out/data.csv"], attempt.ResultFiles);
        var file = await app.CreateAuthorizedClient(Infrastructure.ApiApplication.AdminToken).GetByteArrayAsync($"/api/v1/tasks/{task.Id}/attempts/1/files/out/data.csv");
        Assert.Equal(content, file);
    }

    private static void Replace(HttpRequestMessage request, string header, string value)
    {
        request.Headers.Remove(header);
        request.Headers.TryAddWithoutValidation(header, value);
    }
}
