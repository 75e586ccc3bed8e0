using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Npgsql;
using Overseer.Chaos.Cluster;
using Overseer.Contracts.Tasks;

namespace Overseer.Chaos.Workload;

/// <summary>
/// Submits tasks through whichever Api node is up, retrying a submission until some node accepts it, and remembers
/// every id an Api answered with. Times every HTTP call, so a hung request is seen.
/// </summary>
public sealed class Workload(IReadOnlyList<ApiNode> nodes, string markerDir, string connectionString, Random random, Action<string> log)
{
    private static readonly TimeSpan SubmitPatience = TimeSpan.FromSeconds(180);
    private readonly ConcurrentQueue<SubmittedTask> _submitted = new();
    private readonly ConcurrentQueue<TimeSpan> _calls = new();
    private readonly Lock _randomGate = new();
    private int _index;
    private int _failedCalls;

    /// <summary>Every accepted task.</summary>
    public IReadOnlyList<SubmittedTask> Submitted => [.. _submitted];

    /// <summary>Duration of every HTTP call made (answered or failed).</summary>
    public IReadOnlyList<TimeSpan> Calls => [.. _calls];

    /// <summary>Calls that failed (connection refused, reset, 5xx, client timeout) and were retried.</summary>
    public int FailedCalls => _failedCalls;

    /// <summary>Retries granted to Slow tasks (scenarios that kill runners give them some).</summary>
    public int SlowRetries { get; init; }

    /// <summary>Longest sleep of a Slow task.</summary>
    public int MaxSleepMs { get; set; } = 1500;

    /// <summary>Where runners write their markers.</summary>
    public string MarkerDir => markerDir;

    /// <summary>Submits <paramref name="count"/> tasks picked from <paramref name="kinds"/>, spread over <paramref name="spread"/>.</summary>
    public async Task BurstAsync(int count, IReadOnlyList<TaskKind> kinds, TimeSpan spread, CancellationToken ct)
    {
        var pause = count > 0 ? spread / count : TimeSpan.Zero;
        var inflight = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            inflight.Add(SubmitAsync(kinds[Next(kinds.Count)], ct));
            if (inflight.Count >= 4)
            {
                await Task.WhenAny(inflight);
                inflight.RemoveAll(t => t.IsCompleted);
            }
            await Task.Delay(pause, ct);
        }
        await Task.WhenAll(inflight);
    }

    /// <summary>Submits one task; retries on any node until accepted.</summary>
    public async Task<SubmittedTask> SubmitAsync(TaskKind kind, CancellationToken ct)
    {
        var index = Interlocked.Increment(ref _index);
        var spec = TaskScripts.Spec(kind, index, markerDir, 100 + Next(MaxSleepMs), SlowRetries);
        var started = Stopwatch.StartNew();
        while (true)
        {
            var node = nodes[(index + (int)(started.ElapsedMilliseconds / 500)) % nodes.Count];
            var call = Stopwatch.StartNew();
            try
            {
                var dto = await node.Client.SubmitTaskAsync(spec, ct);
                _calls.Enqueue(call.Elapsed);
                var task = new SubmittedTask(dto.Id, kind, spec.Retries ?? 0);
                _submitted.Enqueue(task);
                return task;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && started.Elapsed < SubmitPatience)
            {
                _calls.Enqueue(call.Elapsed);
                Interlocked.Increment(ref _failedCalls);
                if (_failedCalls % 25 == 1)
                {
                    log($"submit via {node.Name} failed ({e.GetType().Name}: {e.Message}); retrying");
                }
                await Task.Delay(200, ct);
            }
        }
    }

    /// <summary>Submits a probe task and answers when it ended: the time from <paramref name="faultAt"/> to then.</summary>
    public async Task<TimeSpan> ProbeAsync(Stopwatch faultAt, CancellationToken ct)
    {
        var probe = await SubmitAsync(TaskKind.Probe, ct);
        await WaitTerminalAsync([probe.Id], TimeSpan.FromSeconds(180), ct);
        return faultAt.Elapsed;
    }

    /// <summary>Waits until every one of <paramref name="ids"/> is terminal; answers the ids still not terminal at the deadline.</summary>
    public async Task<IReadOnlyList<Guid>> WaitTerminalAsync(IReadOnlyList<Guid> ids, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        var open = ids.ToArray();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                open = (await connection.QueryAsync<Guid>(new CommandDefinition(
                    "SELECT u.id FROM unnest(@ids) AS u(id) LEFT JOIN tasks t ON t.id = u.id WHERE t.finished_at IS NULL",
                    new { ids = open }, cancellationToken: ct))).ToArray();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The database is down for a moment (a restart under test): ask again.
            }
            if (open.Length == 0 || deadline.Elapsed > timeout)
            {
                return open;
            }
            await Task.Delay(200, ct);
        }
    }

    /// <summary>The next seeded draw in [0, <paramref name="below"/>).</summary>
    public int Next(int below)
    {
        lock (_randomGate)
        {
            return random.Next(below);
        }
    }

    /// <summary>All kinds that always end Succeeded.</summary>
    public static IReadOnlyList<TaskKind> Succeeding { get; } = [TaskKind.Quick, TaskKind.Slow, TaskKind.Slow];
}
