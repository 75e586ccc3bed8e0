using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Overseer.Api.Queues;
using Overseer.Testing.BadInput;

namespace Overseer.Api.Tests.Queues;

/// <summary>Hostile enqueue bodies give items or named problems, exactly one of the two; never an exception, a hang or a 5xx.</summary>
public sealed class EnqueueParserPropertyTests(QueueApiApplication app) : IClassFixture<QueueApiApplication>, IAsyncLifetime
{
    private static readonly string[] Seeds =
    [
        """{"payload":{"tile":[1,2,3],"zoom":12}}""",
        """[{"payload":"a","priority":5,"dedupKey":"k-1"},{"payload":[1,{"b":null}],"runAt":"2030-01-01T00:00:00Z"},{"payload":3.5,"priority":-1000}]""",
    ];

    private static readonly Gen<string> Bodies = Gen.Frequency(
        (8, Hostile.Json(Seeds)),
        (1, Gen.Choose(1, 3).Select(n => "[" + string.Join(",", Enumerable.Repeat("""{"payload":1}""", n * 4000)) + "]")));

    public async ValueTask InitializeAsync() => await app.DefineExternalAsync("target");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public void Every_body_gives_items_or_named_problems()
    {
        var (accepted, rejected) = (0, 0);
        Bounded.Check(Bodies, 300, body =>
        {
            var (items, errors) = Bounded.Run(() => EnqueueParser.Parse(Encoding.UTF8.GetBytes(body), new QueueOptions()));
            Assert.True(items is null != errors is null, "exactly one of items and errors");
            Assert.True(errors is null || !errors.IsEmpty, "rejected without a reason");
            _ = items is not null ? accepted++ : rejected++;
        });

        Assert.True(accepted > 0 && rejected > 0, $"the generator should produce both kinds ({accepted} accepted, {rejected} rejected)");
    }

    [Fact]
    public void Every_body_posted_over_http_gets_an_answer_below_500_and_4xx_as_problem_json()
    {
        using var http = app.Queues().Http;
        Bounded.Check(Bodies, 40, body =>
        {
            Infrastructure.ProblemResponses.SendAndCheck(http, HttpMethod.Post, "api/v1/queues/target/items", body);
        });
    }
}
