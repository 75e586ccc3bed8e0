using Dapper;
using Npgsql;
using Overseer.Chaos.Workload;

namespace Overseer.Chaos.Invariants;

/// <summary>
/// For scenarios with a sidecar: every Reporting task that succeeded must have its result recorded, once, verified,
/// for its final attempt, with the body its runner posted. Results travel after the runner exits (the sidecar answers
/// 202 first), so this waits for them up to a limit.
/// </summary>
public static class RelayedResults
{
    /// <summary>What is wrong with the results of <paramref name="tasks"/>' Reporting tasks; empty when nothing.</summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(string connectionString, IReadOnlyList<SubmittedTask> tasks, TimeSpan wait, CancellationToken ct)
    {
        var ids = tasks.Where(t => t.Kind == TaskKind.Reporting).Select(t => t.Id).ToArray();
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            await using var db = new NpgsqlConnection(connectionString);
            var rows = (await db.QueryAsync<(Guid Id, int Attempt, string State, int? ResultAttempt, string? Task, int? Posted, bool? Verified)>(new CommandDefinition("""
                SELECT t.id, t.attempt, t.state, r.attempt, r.result->>'task', (r.result->>'attempt')::int, r.verified
                FROM tasks t LEFT JOIN attempt_results r ON r.task_id = t.id
                WHERE t.id = ANY(@ids)
                """, new { ids }, cancellationToken: ct))).ToList();
            var problems = new List<string>();
            foreach (var task in rows.GroupBy(r => r.Id))
            {
                var results = task.Where(r => r.ResultAttempt is not null).ToList();
                var final = task.First();
                if (final.State == "Succeeded" && results.Count == 0)
                {
                    problems.Add($"task {task.Key} succeeded but its result (attempt {final.Attempt}) was never recorded");
                }
                foreach (var r in results)
                {
                    if (r.Task != task.Key.ToString() || r.Posted != r.ResultAttempt || r.Verified != true)
                    {
                        problems.Add($"task {task.Key}: result of attempt {r.ResultAttempt} is for task {r.Task} attempt {r.Posted} (verified {r.Verified})");
                    }
                }
                if (final.State == "Succeeded" && results.Count > 0 && results.All(r => r.ResultAttempt != final.Attempt))
                {
                    problems.Add($"task {task.Key} succeeded on attempt {final.Attempt} but its result is recorded for attempt(s) {string.Join(",", results.Select(r => r.ResultAttempt))}");
                }
            }
            if (problems.Count == 0 || DateTime.UtcNow > deadline)
            {
                return problems;
            }
            await Task.Delay(500, ct);
        }
    }
}
