using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Overseer.Api.Execution;
using Overseer.Api.Leadership;
using Overseer.Api.StateMachine;

namespace Overseer.Api.Maintenance;

/// <summary>
/// On the leader only: finds live attempts whose heartbeat deadline passed (process, node or whole Api gone) and
/// ends them as Lost (infrastructure). Their tasks are retried on the infrastructure budget, or end Cancelled when a
/// cancel was pending. Writes carry the leader term, so a paused former leader cannot act. After the database failed
/// or stalled, and on a fresh term, it holds off for <see cref="ReaperOptions.OutageGrace"/>: deadlines that passed
/// while no executor could reach the database do not mean the work is gone.
/// </summary>
public sealed class ReaperService(
    NpgsqlDataSource db, AttemptBatch batch, ILeadership leadership, IOptions<ReaperOptions> options, TimeProvider time,
    ILogger<ReaperService> logger, IEnumerable<IAttemptAdopter>? adopters = null) : BackgroundService
{
    private long? _quietUntil;
    private long? _term;

    /// <summary>One round; answers how many attempts were ended. Does nothing when not the leader.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        if (leadership.Current is not { } fence)
        {
            return 0;
        }
        var started = time.GetTimestamp();
        if (_term != fence.Term)
        {
            // A fresh term: the last one ran out, maybe because nobody could reach the database.
            _term = fence.Term;
            HoldOff(started);
        }
        await using var connection = await db.OpenConnectionAsync(ct);
        var expired = (await connection.QueryAsync<(Guid TaskId, int Attempt, string State, string Executor)>(new CommandDefinition(
            TaskSql.ExpiredAttempts, new { limit = options.Value.BatchSize }, cancellationToken: ct))).AsList();
        if (time.GetElapsedTime(started) > options.Value.Interval)
        {
            // The database stalled (a partition, a restart): executors' heartbeats stalled with it.
            HoldOff(time.GetTimestamp());
        }
        if (expired.Count > 0 && _quietUntil is { } until && time.GetTimestamp() < until)
        {
            ReaperLog.HoldingOff(logger, expired.Count, time.GetElapsedTime(time.GetTimestamp(), until).TotalSeconds);
            return 0;
        }
        foreach (var adopter in adopters ?? [])
        {
            var theirs = expired.Where(e => e.Executor == adopter.Executor).Select(e => new AttemptKey(e.TaskId, e.Attempt)).ToList();
            if (theirs.Count == 0)
            {
                continue;
            }
            var (adopted, undecided) = await adopter.AdoptAsync(theirs, ct);
            expired.RemoveAll(e => adopted.Contains(new AttemptKey(e.TaskId, e.Attempt)) || undecided.Contains(new AttemptKey(e.TaskId, e.Attempt)));
        }
        if (expired.Count == 0)
        {
            return 0;
        }
        var changes = expired.Select(e => new AttemptChange(new AttemptKey(e.TaskId, e.Attempt))
        {
            Outcome = AttemptOutcome.Lost($"no heartbeat from its executor (was {e.State})"),
        }).ToList();
        var results = await batch.ApplyAsync(changes, "reaper", fence, ct);
        var reaped = results.Count(r => !r.Stale);
        foreach (var result in results.Where(r => !r.Stale))
        {
            ReaperLog.Reaped(logger, result.Key, result.TaskState?.ToString() ?? "?");
        }
        return reaped;
    }

    /// <summary>Suspends reaping until the grace after <paramref name="now"/> passed.</summary>
    private void HoldOff(long now)
    {
        if (options.Value.OutageGrace is { } grace && grace > TimeSpan.Zero)
        {
            _quietUntil = now + (long)(grace.TotalSeconds * time.TimestampFrequency);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(options.Value.Interval, time);
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException or NotLeaderException)
                {
                    ReaperLog.RoundFailed(logger, e.Message);
                    HoldOff(time.GetTimestamp());
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever the last round threw (a cancelled command, a closed connection) is not a failure.
        }
    }
}
