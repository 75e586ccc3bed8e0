using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Overseer.Api.Queues;
using Overseer.Testing.BadInput;

namespace Overseer.Api.Tests.Queues;

/// <summary>Hostile job-chief files import or are rejected with problems named by path; never an exception, a hang or a 5xx.</summary>
public sealed class JobChiefImporterPropertyTests(QueueApiApplication app) : IClassFixture<QueueApiApplication>
{
    private static readonly string[] Seeds =
    [
        """
        [{"queueName":"tiles","podConfig":{"parallelism":2,"image":"registry.local/tiler:1.4","command":["node","drain.js"],"args":["--verbose"],
          "injectPgConfig":true,"env":[{"name":"LEVEL","value":"12"},{"name":"FROM_SECRET","valueFrom":{"secretKeyRef":{"name":"s","key":"k"}}}],
          "configmaps":["tiler-config"],"secrets":["tiler-secret"],
          "resources":{"limits":{"cpu":"500m","memory":"128Mi"},"requests":{"cpu":"250m","memory":"64Mi"}},
          "liveness":{"enabled":false,"path":"/liveness","port":1337},"pullPolicy":"IfNotPresent"},
          "waitTimeAfterSuccessfulRun":"5s","queueCheckInterval":"55s","jobStartTimeout":"1m","waitTimeAfterTimeout":"5s",
          "waitTimeAfterError":"15s","waitTimeAfterFailedRun":"10s"},
         {"queueName":"exports","podConfig":{"parallelism":1,"image":"registry.local/export:2","command":["export"]},
          "waitTimeAfterSuccessfulRun":"1m","queueCheckInterval":"1h30m","jobStartTimeout":"2m","waitTimeAfterTimeout":"30s",
          "waitTimeAfterError":"1m","waitTimeAfterFailedRun":"2m"}]
        """,
    ];

    private static readonly Gen<string> Files = Gen.Frequency(
        (8, Hostile.Json(Seeds)),
        (1, Hostile.Mutated(["[ // jobs\n" + Seeds[0].Trim()[1..^1] + ", /* trailing */ ]"])));

    [Fact]
    public void Every_file_imports_or_is_rejected_with_problems_named_by_path()
    {
        var (imported, rejected) = (0, 0);
        Bounded.Check(Files, 300, file =>
        {
            var import = Bounded.Run(() => JobChiefImporter.Convert(Encoding.UTF8.GetBytes(file)));
            if (import.Errors.IsEmpty)
            {
                Assert.NotEmpty(import.Queues);
                imported++;
            }
            else
            {
                Assert.All(import.Errors.ToDictionary(), e => Assert.NotEmpty(e.Value));
                rejected++;
            }
        });

        Assert.True(imported > 0 && rejected > 0, $"the generator should produce both kinds ({imported} imported, {rejected} rejected)");
    }

    [Fact]
    public void Every_file_posted_over_http_gets_an_answer_below_500_and_4xx_as_problem_json()
    {
        using var http = app.Queues().Http;
        Bounded.Check(Files, 30, file =>
        {
            Infrastructure.ProblemResponses.SendAndCheck(http, HttpMethod.Post, "api/v1/queues:import?format=job-chief", file);
        });
    }
}
