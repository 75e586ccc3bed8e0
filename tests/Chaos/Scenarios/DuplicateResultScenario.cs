using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dapper;
using Npgsql;
using Overseer.Chaos.Cluster;
using Overseer.Chaos.Report;
using Overseer.Chaos.Workload;
using Overseer.Contracts.Signing;

namespace Overseer.Chaos.Scenarios;

/// <summary>
/// Scenario 6: for each task whose first attempt failed and whose second runs, 20 copies of one signed result for
/// attempt 2 arrive at once (as a sidecar retrying would send them, each with a fresh nonce), together with a late
/// result for attempt 1. Exactly one copy is recorded, the others are answered "duplicate", the late one is fenced.
/// </summary>
public sealed class DuplicateResultScenario : Scenario
{
    private const int Copies = 20;

    /// <inheritdoc />
    public override string Name => "duplicate-results";

    /// <inheritdoc />
    protected override async Task RunFaultsAsync(ChaosEnvironment env, ScenarioResult result, CancellationToken ct)
    {
        env.Workload.MaxSleepMs = 3000;
        var tasks = new List<SubmittedTask>();
        for (var i = 0; i < env.Settings.Tasks; i++)
        {
            tasks.Add(await env.Workload.SubmitAsync(TaskKind.FailThenSlow, ct));
        }
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{env.Nodes[0].Port}/"), Timeout = ApiNode.RequestTimeout };
        foreach (var task in tasks.Take(Math.Max(1, env.Settings.Faults)))
        {
            await WaitForSecondAttemptAsync(env, task.Id, ct);
            var body = $$"""{"result":{"task":"{{task.Id}}","n":{{env.Random.Next(1000)}}},"files":[]}""";
            var deliveries = Enumerable.Range(0, Copies).Select(_ => PostAsync(http, task.Id, 2, body, ct))
                .Append(PostAsync(http, task.Id, 1, body, ct)).ToList();
            var answers = await Task.WhenAll(deliveries);
            result.Faults += answers.Length;
            var recorded = answers[..Copies].Count(a => a == HttpStatusCode.Created);
            var duplicates = answers[..Copies].Count(a => a == HttpStatusCode.OK);
            if (recorded != 1 || duplicates != Copies - 1)
            {
                result.Problems.Add($"task {task.Id}: {Copies} copies gave {recorded} recorded and {duplicates} duplicates ({string.Join(",", answers[..Copies])})");
            }
            if (answers[^1] == HttpStatusCode.Conflict)
            {
                result.StaleRejected++;
            }
            else
            {
                result.Problems.Add($"task {task.Id}: the late result of attempt 1 was answered {answers[^1]}, not 409");
            }
            await using var db = new NpgsqlConnection(env.Postgres.ConnectionString);
            var stored = (await db.QueryAsync<int>(new CommandDefinition(
                "SELECT attempt FROM attempt_results WHERE task_id = @id", new { id = task.Id }, cancellationToken: ct))).ToList();
            if (stored is not [2])
            {
                result.Problems.Add($"task {task.Id}: results stored for attempts [{string.Join(",", stored)}], expected [2]");
            }
        }
    }

    private static async Task WaitForSecondAttemptAsync(ChaosEnvironment env, Guid id, CancellationToken ct)
    {
        await Testing.Eventually.TrueAsync(async () =>
        {
            await using var db = new NpgsqlConnection(env.Postgres.ConnectionString);
            return await db.ExecuteScalarAsync<int>(new CommandDefinition("SELECT attempt FROM tasks WHERE id = @id", new { id }, cancellationToken: ct)) >= 2;
        }, TimeSpan.FromSeconds(120), $"task {id} on its second attempt");
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, Guid taskId, int attempt, string body, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var key = AttemptKeys.Derive(Convert.FromBase64String(ApiNode.MasterKey), taskId, attempt);
        var signed = RequestSigner.Sign(key, "POST", InternalPaths.Results, taskId, attempt, DateTimeOffset.UtcNow, bytes);
        using var request = new HttpRequestMessage(HttpMethod.Post, InternalPaths.Results) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        signed.ApplyTo(request.Headers);
        using var response = await http.SendAsync(request, ct);
        return response.StatusCode;
    }
}
