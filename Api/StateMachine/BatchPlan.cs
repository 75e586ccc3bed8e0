using Npgsql;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.StateMachine;

/// <summary>Rows of one <see cref="AttemptBatch"/>; each statement then runs once over all its rows (unnest).</summary>
internal sealed class BatchPlan(string actor, long? leaderTerm, double shiftMs)
{
    private readonly List<AttemptRow> _attempts = [];
    private readonly Dictionary<Guid, TaskRow> _tasks = [];
    private readonly List<TransitionRow> _transitions = [];
    private readonly List<(AttemptKey Key, LogChunk Chunk)> _logs = [];
    private readonly List<(AttemptKey Key, int Below)> _trims = [];
    private bool _wake;

    public AppliedChange Add(AttemptChange change, LockedTask? task, int infrastructureRetries)
    {
        var key = change.Key;
        if (task is null || task.Attempt != key.Attempt || task.State is not (TaskState.Dispatching or TaskState.Running))
        {
            return new(key, Stale: true, task?.State, null);
        }
        var state = task.State;
        var startsNow = change.StartedAgoMs is not null && state == TaskState.Dispatching;
        if (startsNow)
        {
            Move(task, TaskState.Running, $"running (attempt {key.Attempt})", TimeSpan.Zero, task.AppFailures, task.InfraFailures,
                change.StartedAgoMs!.Value);
            state = TaskState.Running;
        }
        NextStep? next = null;
        string? attemptState = startsNow ? nameof(AttemptState.Running) : null;
        if (change.Outcome is { } outcome)
        {
            AttemptTransitions.Ensure(state == TaskState.Running ? AttemptState.Running : AttemptState.Dispatching, outcome.State);
            next = RetryPolicy.Decide(task, outcome, infrastructureRetries, Random.Shared.NextDouble());
            Move(task, next.State, next.Reason, next.Delay, next.AppFailures, next.InfraFailures, change.FinishedAgoMs);
            _wake |= next.State == TaskState.Queued && next.Delay == TimeSpan.Zero;
            attemptState = outcome.State.ToString();
            state = next.State;
        }
        _attempts.Add(new(key, attemptState, change.StartedAgoMs, change.Pid, change.Outcome is null ? null : change.FinishedAgoMs,
            change.Outcome?.ExitCode, change.Outcome?.FailureType?.ToString(), change.Outcome?.Reason,
            change.Logs?.LogBytes, change.Logs?.TruncatedBytes, change.WaitingReason ?? (startsNow || change.Outcome is not null ? "" : null)));
        if (change.Logs is { } logs)
        {
            _logs.AddRange(logs.Chunks.Select(c => (key, c)));
            if (logs.DeleteBelowSeq > 0)
            {
                _trims.Add((key, logs.DeleteBelowSeq));
            }
        }
        return new(key, Stale: false, state, next);
    }

    public NpgsqlBatch ToBatch(NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        var batch = new NpgsqlBatch(connection, tx);
        if (_logs.Count > 0)
        {
            Add(batch, TaskSql.InsertLogs,
                ("taskIds", _logs.Select(l => l.Key.TaskId).ToArray()), ("attempts", _logs.Select(l => l.Key.Attempt).ToArray()),
                ("seqs", _logs.Select(l => l.Chunk.Seq).ToArray()), ("streams", _logs.Select(l => l.Chunk.Stream).ToArray()),
                ("agoMs", _logs.Select(l => l.Chunk.AgoMs + shiftMs).ToArray()), ("data", _logs.Select(l => l.Chunk.Data).ToArray()));
        }
        if (_trims.Count > 0)
        {
            Add(batch, TaskSql.TrimLogs, ("taskIds", _trims.Select(t => t.Key.TaskId).ToArray()),
                ("attempts", _trims.Select(t => t.Key.Attempt).ToArray()), ("below", _trims.Select(t => t.Below).ToArray()));
        }
        if (_attempts.Count > 0)
        {
            Add(batch, TaskSql.UpdateAttempts,
                ("taskIds", _attempts.Select(a => a.Key.TaskId).ToArray()), ("attempts", _attempts.Select(a => a.Key.Attempt).ToArray()),
                ("states", _attempts.Select(a => a.State).ToArray()), ("startedAgo", _attempts.Select(a => a.StartedAgo + shiftMs).ToArray()),
                ("pids", _attempts.Select(a => a.Pid).ToArray()), ("finishedAgo", _attempts.Select(a => a.FinishedAgo + shiftMs).ToArray()),
                ("exitCodes", _attempts.Select(a => a.ExitCode).ToArray()), ("failureTypes", _attempts.Select(a => a.FailureType).ToArray()),
                ("reasons", _attempts.Select(a => a.Reason).ToArray()), ("logBytes", _attempts.Select(a => a.LogBytes).ToArray()),
                ("logTruncated", _attempts.Select(a => a.LogTruncated).ToArray()), ("waiting", _attempts.Select(a => a.Waiting).ToArray()));
        }
        if (_tasks.Count > 0)
        {
            var rows = _tasks.Values;
            Add(batch, TaskSql.UpdateTasks,
                ("ids", rows.Select(t => t.Id).ToArray()), ("fromStates", rows.Select(t => t.From.ToString()).ToArray()),
                ("toStates", rows.Select(t => t.To.ToString()).ToArray()), ("reasons", rows.Select(t => t.Reason).ToArray()),
                ("delayMs", rows.Select(t => t.Delay.TotalMilliseconds).ToArray()), ("appFailures", rows.Select(t => t.AppFailures).ToArray()),
                ("infraFailures", rows.Select(t => t.InfraFailures).ToArray()), ("terminal", rows.Select(t => t.To.IsTerminal()).ToArray()));
            Add(batch, TaskSql.InsertTransitions,
                ("taskIds", _transitions.Select(t => t.TaskId).ToArray()), ("attempts", _transitions.Select(t => t.Attempt).ToArray()),
                ("fromStates", _transitions.Select(t => t.From.ToString()).ToArray()), ("toStates", _transitions.Select(t => t.To.ToString()).ToArray()),
                ("agoMs", _transitions.Select(t => t.AgoMs + shiftMs).ToArray()), ("actors", _transitions.Select(_ => actor).ToArray()),
                ("reasons", _transitions.Select(t => t.Reason).ToArray()), ("terms", _transitions.Select(_ => leaderTerm).ToArray()));
        }
        if (_wake)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(TaskSql.WakeDispatchers));
        }
        return batch;
    }

    private void Move(LockedTask task, TaskState to, string reason, TimeSpan delay, int app, int infra, double agoMs)
    {
        // A task that started and ended in one batch gets one row update (to its final state) and two history rows.
        var from = _tasks.TryGetValue(task.Id, out var earlier) ? earlier.To : task.State;
        TaskTransitions.Ensure(from, to);
        _tasks[task.Id] = new(task.Id, earlier?.From ?? task.State, to, reason, delay, app, infra);
        _transitions.Add(new(task.Id, task.Attempt, from, to, agoMs, reason));
    }

    private static void Add(NpgsqlBatch batch, string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        batch.BatchCommands.Add(command);
    }

    private sealed record AttemptRow(AttemptKey Key, string? State, double? StartedAgo, int? Pid, double? FinishedAgo, int? ExitCode,
        string? FailureType, string? Reason, long? LogBytes, long? LogTruncated, string? Waiting);

    private sealed record TaskRow(Guid Id, TaskState From, TaskState To, string Reason, TimeSpan Delay, int AppFailures, int InfraFailures);

    private sealed record TransitionRow(Guid TaskId, int Attempt, TaskState From, TaskState To, double AgoMs, string Reason);
}
