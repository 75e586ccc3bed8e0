using Dapper;
using Npgsql;
using Overseer.Api.StateMachine;
using Overseer.Chaos.Workload;
using Overseer.Contracts.Tasks;

namespace Overseer.Chaos.Invariants;

/// <summary>
/// Checks the promises of docs/reliability.md against the database (and the runners' markers) once the system is idle.
/// Transition pairs are checked against <see cref="TaskTransitions"/> itself, never a copy.
/// </summary>
public static class InvariantChecker
{
    /// <summary>Runs every check; answers what broke and the counts for the report.</summary>
    public static async Task<InvariantReport> CheckAsync(string connectionString, CheckInput input, CancellationToken ct)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var report = new InvariantReport();
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(ct);
        var tasks = (await db.QueryAsync<TaskRow>(new CommandDefinition(
            "SELECT id, state, attempt, retries, app_failures, infra_failures FROM tasks", cancellationToken: ct))).ToDictionary(t => t.Id);
        var transitions = (await db.QueryAsync<TransitionRow>(new CommandDefinition(
            "SELECT id, task_id, attempt, from_state, to_state, at, leader_term, pg_xact_commit_timestamp(xmin) AS committed_at FROM task_transitions ORDER BY id", cancellationToken: ct)))
            .GroupBy(t => t.TaskId).ToDictionary(g => g.Key, g => g.ToList());
        var attempts = (await db.QueryAsync<AttemptRow>(new CommandDefinition(
            "SELECT task_id, attempt, state, owner, finished_at FROM attempts", cancellationToken: ct)))
            .GroupBy(a => a.TaskId).ToDictionary(g => g.Key, g => g.ToList());
        var markers = MarkerLog.Read(input.MarkerDir);

        CheckSubmitted(report, input, tasks, attempts);
        CheckHistory(report, tasks, transitions);
        CheckAttempts(report, input, tasks, attempts, markers);
        await CheckResultsAsync(report, db, transitions, ct);
        await CheckLeasesAsync(report, db, transitions, ct);
        return report;
    }

    private static void CheckSubmitted(InvariantReport report, CheckInput input, Dictionary<Guid, TaskRow> tasks, Dictionary<Guid, List<AttemptRow>> attempts)
    {
        foreach (var submitted in input.Submitted)
        {
            if (!tasks.TryGetValue(submitted.Id, out var task))
            {
                report.Lost++;
                report.Violate($"submitted task {submitted.Id} ({submitted.Kind}) does not exist");
                continue;
            }
            var state = Enum.Parse<TaskState>(task.State);
            report.FinalStates[task.State] = report.FinalStates.GetValueOrDefault(task.State) + 1;
            if (!state.IsTerminal())
            {
                report.Lost++;
                report.Violate($"submitted task {submitted.Id} ({submitted.Kind}) never ended: still {state}");
                continue;
            }
            var expected = new HashSet<TaskState>(TaskScripts.Expected(submitted.Kind));
            if (task.InfraFailures > input.InfrastructureRetries)
            {
                // Its infrastructure budget ran out: Lost is the promised answer, not a loss.
                expected.Add(TaskState.Lost);
            }
            if (input.DisturbedTasks.Contains(submitted.Id))
            {
                expected.Add(TaskState.Failed);
            }
            if (!expected.Contains(state))
            {
                var history = string.Join(", ", attempts.GetValueOrDefault(submitted.Id, []).OrderBy(a => a.Attempt).Select(a => $"{a.Attempt}:{a.State}"));
                report.Violate($"task {submitted.Id} ({submitted.Kind}) ended {state}, expected {string.Join("|", expected)}; attempts {history}");
            }
        }
    }

    private static void CheckHistory(InvariantReport report, Dictionary<Guid, TaskRow> tasks, Dictionary<Guid, List<TransitionRow>> transitions)
    {
        foreach (var (id, task) in tasks)
        {
            var history = transitions.GetValueOrDefault(id, []);
            var terminal = history.Count(t => Enum.Parse<TaskState>(t.ToState).IsTerminal());
            if (terminal != (Enum.Parse<TaskState>(task.State).IsTerminal() ? 1 : 0))
            {
                report.Violate($"task {id} ({task.State}) has {terminal} terminal transitions");
            }
            string? previous = null;
            foreach (var step in history)
            {
                TaskState? from = step.FromState is null ? null : Enum.Parse<TaskState>(step.FromState);
                if (!TaskTransitions.IsAllowed(from, Enum.Parse<TaskState>(step.ToState)))
                {
                    report.Violate($"task {id}: {step.FromState ?? "(new)"} -> {step.ToState} is not in the transition table");
                }
                if (step.FromState != previous)
                {
                    report.Violate($"task {id}: history broken, {step.FromState ?? "(new)"} -> {step.ToState} follows {previous ?? "(nothing)"}");
                }
                previous = step.ToState;
            }
            if (previous != task.State)
            {
                report.Violate($"task {id} is {task.State} but its history ends at {previous ?? "(nothing)"}");
            }
        }
    }

    private static void CheckAttempts(InvariantReport report, CheckInput input, Dictionary<Guid, TaskRow> tasks,
        Dictionary<Guid, List<AttemptRow>> attempts, IReadOnlyDictionary<Guid, IReadOnlyList<Marker>> markers)
    {
        foreach (var (id, task) in tasks)
        {
            var own = attempts.GetValueOrDefault(id, []);
            var budget = 1 + task.Retries + input.InfrastructureRetries;
            if (own.Count > budget || task.Attempt > budget)
            {
                report.Violate($"task {id} has {own.Count} attempts (latest {task.Attempt}), over its budget of {budget}");
            }
            if (task.AppFailures > task.Retries + 1)
            {
                report.Violate($"task {id} spent {task.AppFailures} application retries of {task.Retries}");
            }
            var live = own.Count(a => a.State is "Dispatching" or "Running");
            if (live > 1 || live == 1 && Enum.Parse<TaskState>(task.State).IsTerminal())
            {
                report.Violate($"task {id} ({task.State}) has {live} live attempts");
            }
            var runs = markers.GetValueOrDefault(id, []);
            foreach (var attempt in own)
            {
                var started = runs.Any(m => m.Kind == 's' && m.Attempt == attempt.Attempt);
                var exitedZero = runs.Any(m => m.Kind == 'e' && m.Attempt == attempt.Attempt && m.ExitCode == 0);
                if (attempt.State == "Succeeded" && markers.ContainsKey(id) && !(started && exitedZero))
                {
                    report.Violate($"task {id} attempt {attempt.Attempt} recorded Succeeded, but its runner never exited 0");
                }
                // An attempt whose runner never started was lost for real (e.g. the claim's answer was cut off with its
                // connection): reaping it is the recovery. One that ran, on an undisturbed Api, was not lost.
                if (attempt.State == "Lost" && started && !input.FaultedPids.Contains(OwnerPid(attempt.Owner)) && !input.DisturbedTasks.Contains(id))
                {
                    report.WronglyMarkedLost++;
                    report.Violate($"task {id} attempt {attempt.Attempt} marked Lost although its runner ran and neither its Api ({attempt.Owner}) nor the runner was disturbed");
                }
            }
            var starts = runs.Count(m => m.Kind == 's');
            report.DuplicateExecutions += Math.Max(0, starts - 1 - task.AppFailures);
            foreach (var twice in runs.Where(m => m.Kind == 's').GroupBy(m => m.Attempt).Where(g => g.Count() > 1))
            {
                report.Violate($"task {id} attempt {twice.Key} was started {twice.Count()} times");
            }
        }
    }

    private static async Task CheckResultsAsync(InvariantReport report, NpgsqlConnection db, Dictionary<Guid, List<TransitionRow>> transitions, CancellationToken ct)
    {
        var duplicates = (await db.QueryAsync<(Guid, int, long)>(new CommandDefinition(
            "SELECT task_id, attempt, count(*) FROM attempt_results GROUP BY task_id, attempt HAVING count(*) > 1", cancellationToken: ct))).ToList();
        foreach (var (task, attempt, count) in duplicates)
        {
            report.DuplicateResults++;
            report.Violate($"task {task} attempt {attempt} has {count} results");
        }
        // An attempt's outcome moves the task out of Dispatching/Running once; a second such move is a second result.
        foreach (var (task, history) in transitions)
        {
            foreach (var outcome in history.Where(t => t.FromState is "Dispatching" or "Running" && t.ToState != "Running")
                .GroupBy(t => t.Attempt).Where(g => g.Count() > 1))
            {
                report.DuplicateResults++;
                report.Violate($"task {task} attempt {outcome.Key} has {outcome.Count()} recorded outcomes");
            }
        }
    }

    private static async Task CheckLeasesAsync(InvariantReport report, NpgsqlConnection db, Dictionary<Guid, List<TransitionRow>> transitions, CancellationToken ct)
    {
        var doubleLeased = await db.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT count(*) FROM queue_items
            WHERE (state = 'claimed') <> (lease_token IS NOT NULL) OR (state = 'claimed') <> (lease_expires_at IS NOT NULL)
            """, cancellationToken: ct));
        if (doubleLeased > 0)
        {
            report.Violate($"{doubleLeased} queue items hold a lease that does not match their state");
        }
        var terms = (await db.QueryAsync<(string Name, long Term, string Holder, DateTime AcquiredAt, DateTime? CommittedAt)>(new CommandDefinition(
            "SELECT name, term, holder, acquired_at, pg_xact_commit_timestamp(xmin) FROM leader_terms ORDER BY name, term", cancellationToken: ct))).ToList();
        foreach (var lease in terms.GroupBy(t => t.Name))
        {
            var ordered = lease.ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].AcquiredAt < ordered[i - 1].AcquiredAt)
                {
                    report.Violate($"lease {lease.Key}: term {ordered[i].Term} was acquired before term {ordered[i - 1].Term}");
                }
            }
            // A write fenced by term n may not commit after term n+1 was granted: that would be two leaders at once.
            // Commit times (track_commit_timestamp) give the order the database applied them in.
            var next = ordered.Zip(ordered.Skip(1)).ToDictionary(p => p.First.Term, p => p.Second);
            foreach (var step in transitions.Values.SelectMany(h => h).Where(t => t.LeaderTerm is not null))
            {
                if (next.TryGetValue(step.LeaderTerm!.Value, out var successor) && step.CommittedAt > successor.CommittedAt)
                {
                    report.Violate($"a transition fenced by term {step.LeaderTerm} committed at {step.CommittedAt:O}, after term {successor.Term} was granted at {successor.CommittedAt:O}");
                }
            }
        }
    }

    private static int OwnerPid(string owner)
    {
        var parts = owner.Split('/');
        return parts.Length >= 2 && int.TryParse(parts[^2], System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : -1;
    }

    private sealed class TaskRow
    {
        public Guid Id { get; set; }
        public string State { get; set; } = "";
        public int Attempt { get; set; }
        public int Retries { get; set; }
        public int AppFailures { get; set; }
        public int InfraFailures { get; set; }
    }

    private sealed class TransitionRow
    {
        public long Id { get; set; }
        public Guid TaskId { get; set; }
        public int Attempt { get; set; }
        public string? FromState { get; set; }
        public string ToState { get; set; } = "";
        public DateTime At { get; set; }
        public long? LeaderTerm { get; set; }
        public DateTime? CommittedAt { get; set; }
    }

    private sealed class AttemptRow
    {
        public Guid TaskId { get; set; }
        public int Attempt { get; set; }
        public string State { get; set; } = "";
        public string Owner { get; set; } = "";
        public DateTime? FinishedAt { get; set; }
    }
}
