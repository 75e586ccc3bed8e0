using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Overseer.Contracts.Queues;
using Overseer.Testing.BadInput;

namespace Overseer.Api.Tests.Queues;

/// <summary>
/// Hostile queue definitions, names and durations are accepted or rejected with named problems; never an exception,
/// a hang or a 5xx.
/// </summary>
public sealed class QueueDefinitionPropertyTests(QueueApiApplication app) : IClassFixture<QueueApiApplication>
{
    private static readonly string[] Seeds =
    [
        """{"runtime":"external"}""",
        """
        {"runtime":"worker","image":"busybox","command":["sh","-c","cat"],"args":["-"],"env":{"LEVEL":"3"},
         "resources":{"limits":{"memory":"64Mi"}},"parallelism":2,"maxParallelism":4,"itemsPerPod":10,"maxAttempts":3,
         "leaseSeconds":30,"batchSize":5,"idleTimeout":"1m","itemTimeout":"30s","retryDelay":"1s","maxRetryDelay":"1h30m",
         "poolTimeout":"10m","queueCheckInterval":"55s","jobStartTimeout":"1m","waitTimeAfterSuccessfulRun":"5s",
         "waitTimeAfterTimeout":"5s","waitTimeAfterError":"15s","waitTimeAfterFailedRun":"10s"}
        """,
    ];

    private static readonly Gen<string> Names = Gen.Frequency((3, Gen.Elements("q", "tiles", "a-b-1")), (2, Hostile.Text));

    private static readonly Gen<string> Durations = Gen.Frequency(
        (2, Gen.Elements("0s", "55s", "1h30m", "250ms", "365d", "366d", "1d1d", "1m1h", "99999999999999999d", "9223372036854775807ms", "1e309s")),
        (3, Hostile.Text),
        (3, from parts in Gen.ListOf(Gen.Elements("1", "0", "15", "999999999999999", "d", "h", "m", "s", "ms", "-", " ", "\u0661", "\uFF11")).Resize(8)
            select string.Concat(parts)));

    [Fact]
    public void Every_definition_is_validated_or_rejected_with_a_named_problem()
    {
        var (accepted, rejected) = (0, 0);
        Bounded.Check(Gen.Zip(Names, Hostile.Json(Seeds)), 300, input =>
        {
            var ok = Bounded.Run(() => ReadAndValidate(input.Item1, input.Item2));
            _ = ok ? accepted++ : rejected++;
        });

        Assert.True(accepted > 0 && rejected > 0, $"the generator should produce both kinds ({accepted} accepted, {rejected} rejected)");
    }

    [Fact]
    public void Every_duration_parses_or_says_what_is_wrong_and_parsed_ones_round_trip()
    {
        Bounded.Check(Durations, 500, text => Bounded.Run(() =>
        {
            if (Duration.TryParse(text, out var value, out var error))
            {
                Assert.Null(error);
                Assert.InRange(value, TimeSpan.Zero, Duration.Max);
                Assert.Equal(value, Duration.Parse(Duration.Format(value)));
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(error));
                Assert.Throws<FormatException>(() => Duration.Parse(text));
            }
            return true;
        }));
    }

    [Fact]
    public void Every_definition_put_over_http_gets_an_answer_below_500_and_4xx_as_problem_json()
    {
        using var http = app.Queues().Http;
        // The in-memory test client refuses a path with %00 itself (Kestrel answers 400 before the Api sees it).
        Bounded.Check(Gen.Zip(Names.Where(n => !n.Contains('\0', StringComparison.Ordinal)), Hostile.Json(Seeds)), 30, input =>
        {
            var path = "api/v1/queues/" + Uri.EscapeDataString(input.Item1.Length > 2000 ? input.Item1[..2000] : input.Item1);
            Infrastructure.ProblemResponses.SendAndCheck(http, HttpMethod.Put, path, input.Item2, input: input.Item1 + " " + input.Item2);
        });
    }

    private static bool ReadAndValidate(string name, string body)
    {
        if (QueueSpecValidator.CheckName(name) is not null)
        {
            return false;
        }
        QueueSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(body), QueuesJson.Strict.QueueSpec);
        }
        catch (JsonException)
        {
            return false;
        }
        if (spec is null)
        {
            return false;
        }
        var errors = QueueSpecValidator.Validate(name, spec);
        if (!errors.IsEmpty)
        {
            return false;
        }
        _ = QueueSpecValidator.Normalize(spec);
        return true;
    }
}
