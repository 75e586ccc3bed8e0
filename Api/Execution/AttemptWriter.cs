using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Overseer.Contracts.Faults;
using Overseer.Api.StateMachine;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Execution;

/// <summary>
/// The executor's single writer. Starts, outcomes, output and heartbeats of every attempt this process runs are
/// written by this one loop, grouped into one transaction per round (group commit), so the database cost per
/// task stays low under load. A failed write is kept and retried; nothing reported is dropped while the process lives.
/// </summary>
public sealed partial class AttemptWriter(
    AttemptBatch batch, LiveAttempts live, NpgsqlDataSource db, IOptions<ExecutorOptions> options, TimeProvider time,
    ExecutionMetrics metrics, WorkSignal work, ILogger<AttemptWriter> logger) : BackgroundService
{
    private readonly Channel<Report> _reports = Channel.CreateUnbounded<Report>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<AttemptKey, PendingWrite> _pending = [];
    // Outcomes written, whose attempts may still sit in LiveAttempts for a moment: not live in the database, not fenced either.
    private readonly HashSet<AttemptKey> _ended = [];

    /// <summary>Records that an attempt's process started (written with the next round).</summary>
    public void ReportStarted(AttemptKey key, long startedAt, int? pid) =>
        _reports.Writer.TryWrite(new Report(key, startedAt, pid, null, 0, null, null, null));

    /// <summary>Records why a started attempt does not run yet (written with the next round).</summary>
    public void ReportWaiting(AttemptKey key, string reason) =>
        _reports.Writer.TryWrite(new Report(key, null, null, null, 0, null, null, reason));

    /// <summary>Records how an attempt ended, with its remaining output; completes once durable.</summary>
    public Task<AppliedChange> ReportFinishedAsync(AttemptKey key, long? startedAt, int? pid, AttemptOutcome outcome, long finishedAt, LogBuffer logs)
    {
        var done = new TaskCompletionSource<AppliedChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_reports.Writer.TryWrite(new Report(key, startedAt, pid, outcome, finishedAt, logs, done, null)))
        {
            done.SetException(new InvalidOperationException("The attempt writer has stopped."));
        }
        return done.Task;
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _reports.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var settings = options.Value;
            var nextHeartbeat = time.GetTimestamp();
            var nextFlush = nextHeartbeat;
            var retryDelay = TimeSpan.Zero;
            var completed = false;
            while (!completed || _pending.Count > 0)
            {
                var now = time.GetTimestamp();
                var wait = _pending.Count > 0 ? retryDelay : Until(Math.Min(nextHeartbeat, nextFlush), now);
                if (!completed)
                {
                    completed = !await WaitForReportsAsync(wait, stoppingToken) && _reports.Reader.Completion.IsCompleted;
                    if (!completed && live.Count > 1 && settings.WriteCoalesceWindow > TimeSpan.Zero)
                    {
                        // Group commit: while others run, let their reports join this round's transaction.
                        await Task.Delay(settings.WriteCoalesceWindow, time, CancellationToken.None);
                    }
                }
                else if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, CancellationToken.None);
                }
                while (_reports.Reader.TryRead(out var report))
                {
                    Merge(report);
                }
                now = time.GetTimestamp();
                if (now >= nextFlush)
                {
                    foreach (var attempt in live.Snapshot())
                    {
                        if (attempt.Logs.TakeUpdate() is { } update)
                        {
                            // Output means the process runs: record that with it, so the log never runs ahead of the state.
                            var pending = Pending(attempt.Key);
                            pending.AddLogs(update);
                            pending.StartedAt ??= attempt.StartedAt;
                            pending.Pid ??= attempt.Pid;
                        }
                    }
                    nextFlush = now + Ticks(settings.LogFlushInterval);
                }
                retryDelay = await WritePendingAsync(retryDelay, completed ? CancellationToken.None : stoppingToken);
                if (time.GetTimestamp() >= nextHeartbeat && !completed)
                {
                    await HeartbeatAsync(settings, stoppingToken);
                    nextHeartbeat = time.GetTimestamp() + Ticks(settings.HeartbeatInterval);
                }
                if (completed && _pending.Count > 0 && retryDelay > TimeSpan.FromSeconds(5))
                {
                    // Shutting down and the database is gone: the reaper will find these attempts.
                    foreach (var waiter in _pending.Values.SelectMany(p => p.Waiters))
                    {
                        waiter.TrySetException(new InvalidOperationException("database unavailable during shutdown"));
                    }
                    _pending.Clear();
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever the last round threw (a cancelled command, a closed connection) is not a failure.
        }
    }

    private async Task<bool> WaitForReportsAsync(TimeSpan wait, CancellationToken ct)
    {
        if (wait <= TimeSpan.Zero)
        {
            return true;
        }
        using var timeout = new CancellationTokenSource(wait, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, ct);
        try
        {
            return await _reports.Reader.WaitToReadAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            return !_reports.Reader.Completion.IsCompleted;
        }
    }

    private void Merge(Report report)
    {
        var pending = Pending(report.Key);
        pending.StartedAt ??= report.StartedAt;
        pending.Pid ??= report.Pid;
        pending.WaitingReason = report.Waiting ?? pending.WaitingReason;
        if (report.Outcome is not null)
        {
            pending.Outcome = report.Outcome;
            pending.FinishedAt = report.FinishedAt;
            if (report.Logs!.TakeUpdate() is { } update)
            {
                pending.AddLogs(update);
            }
            pending.Waiters.Add(report.Done!);
        }
    }

    private PendingWrite Pending(AttemptKey key)
    {
        if (!_pending.TryGetValue(key, out var pending))
        {
            pending = new PendingWrite(key);
            _pending[key] = pending;
        }
        return pending;
    }

    private async Task<TimeSpan> WritePendingAsync(TimeSpan retryDelay, CancellationToken ct)
    {
        if (_pending.Count == 0)
        {
            return TimeSpan.Zero;
        }
        var now = time.GetTimestamp();
        var changes = _pending.Values.Select(p => p.ToChange(time, now)).ToList();
        var outcomes = changes.Any(c => c.Outcome is not null);
        try
        {
            if (outcomes)
            {
                CrashPoints.Hit(CrashPoints.BeforeResultCommit);
            }
            var results = await batch.ApplyAsync(changes, "executor", null, ct, now);
            if (outcomes)
            {
                CrashPoints.Hit(CrashPoints.AfterResultCommit);
            }
            foreach (var result in results)
            {
                var pending = _pending[result.Key];
                if (result.Stale && pending.Outcome is not null)
                {
                    metrics.StaleResult();
                    ExecutionLog.StaleOutcome(logger, result.Key, result.TaskState?.ToString() ?? "gone");
                }
                if (pending.Outcome is not null)
                {
                    metrics.AttemptFinished(pending.Outcome.State);
                    _ended.Add(result.Key);
                }
                if (result.Next is { State: TaskState.Queued, Delay: var delay } && delay > TimeSpan.Zero)
                {
                    work.NotifyAfter(delay, time);
                }
                foreach (var waiter in pending.Waiters)
                {
                    waiter.TrySetResult(result);
                }
            }
            _pending.Clear();
            return TimeSpan.Zero;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            // Heartbeats share this loop: backing off past the heartbeat interval would let them lapse once the database is back.
            var cap = Math.Min(TimeSpan.FromSeconds(10).Ticks, Math.Max(TimeSpan.FromMilliseconds(200).Ticks, options.Value.HeartbeatInterval.Ticks));
            var next = retryDelay == TimeSpan.Zero ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, cap));
            ExecutionLog.WriteFailed(logger, changes.Count, next.TotalMilliseconds, e.Message);
            return next;
        }
    }

    private async Task HeartbeatAsync(ExecutorOptions settings, CancellationToken ct)
    {
        var attempts = live.Snapshot();
        _ended.IntersectWith(attempts.Select(a => a.Key));
        if (attempts.Count == 0)
        {
            return;
        }
        try
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            var rows = await connection.QueryAsync<(Guid TaskId, int Attempt, bool CancelRequested)>(new CommandDefinition(TaskSql.Heartbeat, new
            {
                ttlSeconds = settings.HeartbeatTimeout.TotalSeconds,
                taskIds = attempts.Select(a => a.Key.TaskId).ToArray(),
                attempts = attempts.Select(a => a.Key.Attempt).ToArray(),
            }, cancellationToken: ct));
            var alive = rows.ToDictionary(r => new AttemptKey(r.TaskId, r.Attempt), r => r.CancelRequested);
            foreach (var attempt in attempts)
            {
                if (!alive.TryGetValue(attempt.Key, out var cancel))
                {
                    if (!_pending.ContainsKey(attempt.Key) && !_ended.Contains(attempt.Key))
                    {
                        ExecutionLog.Fenced(logger, attempt.Key);
                        attempt.Kill(KillReason.Fenced);
                    }
                }
                else if (cancel)
                {
                    attempt.Kill(KillReason.Cancel);
                }
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            ExecutionLog.HeartbeatFailed(logger, attempts.Count, e.Message);
        }
    }

    private TimeSpan Until(long deadline, long now) =>
        deadline <= now ? TimeSpan.Zero : TimeSpan.FromSeconds((deadline - now) / (double)time.TimestampFrequency);

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

    private sealed record Report(AttemptKey Key, long? StartedAt, int? Pid, AttemptOutcome? Outcome, long FinishedAt, LogBuffer? Logs,
        TaskCompletionSource<AppliedChange>? Done, string? Waiting);

    private sealed class PendingWrite(AttemptKey key)
    {
        private readonly List<LogChunk> _chunks = [];
        private LogUpdate? _lastLogs;

        public long? StartedAt { get; set; }
        public int? Pid { get; set; }
        public AttemptOutcome? Outcome { get; set; }
        public long FinishedAt { get; set; }
        public string? WaitingReason { get; set; }
        public List<TaskCompletionSource<AppliedChange>> Waiters { get; } = [];

        public void AddLogs(LogUpdate update)
        {
            _chunks.AddRange(update.Chunks);
            _lastLogs = update with { DeleteBelowSeq = Math.Max(update.DeleteBelowSeq, _lastLogs?.DeleteBelowSeq ?? 0) };
        }

        public AttemptChange ToChange(TimeProvider time, long now) => new(key)
        {
            StartedAgoMs = StartedAt is { } s ? time.GetElapsedTime(s, now).TotalMilliseconds : null,
            Pid = Pid,
            Outcome = Outcome,
            FinishedAgoMs = Outcome is null ? 0 : time.GetElapsedTime(FinishedAt, now).TotalMilliseconds,
            Logs = _lastLogs is null ? null : _lastLogs with { Chunks = [.. _chunks] },
            WaitingReason = WaitingReason,
        };
    }
}
