using Overseer.Chaos.Invariants;
using Overseer.Chaos.Workload;

namespace Overseer.Chaos.Tests.Invariants;

/// <summary>The checker must see each kind of broken promise (a checker that passes everything proves nothing).</summary>
public sealed class InvariantCheckerTests(CheckerDatabase db) : IClassFixture<CheckerDatabase>
{
    private const string Alive = "host/1/aaaaaa";
    private const string Killed = "host/2/bbbbbb";

    private static readonly (string?, string, int)[] Clean =
        [(null, "Queued", 0), ("Queued", "Dispatching", 1), ("Dispatching", "Running", 1), ("Running", "Succeeded", 1)];

    private Task<InvariantReport> CheckAsync(params SubmittedTask[] submitted) => InvariantChecker.CheckAsync(db.ConnectionString,
        new CheckInput(submitted, db.MarkerDir, new HashSet<int> { 2 }, 5, new HashSet<Guid>()), CancellationToken.None);

    [Fact]
    public async Task A_clean_run_has_no_violations()
    {
        var id = await db.TaskAsync("Succeeded", Clean, [(1, "Succeeded", Alive)]);
        db.Markers(id, "s 1 1000", "e 1 1001 0");

        var report = await CheckAsync(new SubmittedTask(id, TaskKind.Quick, 0));

        Assert.DoesNotContain(report.Violations, v => v.Contains(id.ToString(), StringComparison.Ordinal));
        Assert.Equal(0, report.Lost);
    }

    [Fact]
    public async Task A_missing_or_unfinished_submitted_task_is_lost()
    {
        var running = await db.TaskAsync("Running", Clean[..3], [(1, "Running", Alive)]);

        var report = await CheckAsync(new SubmittedTask(Guid.CreateVersion7(), TaskKind.Quick, 0), new SubmittedTask(running, TaskKind.Quick, 0));

        Assert.Equal(2, report.Lost);
        Assert.Contains(report.Violations, v => v.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(report.Violations, v => v.Contains("never ended", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_terminal_transitions_and_two_outcomes_of_one_attempt_are_flagged()
    {
        var id = await db.TaskAsync("Succeeded", [.. Clean, ("Running", "Succeeded", 1)], [(1, "Succeeded", Alive)]);

        var report = await CheckAsync();

        Assert.Contains(report.Violations, v => v.Contains($"task {id} (Succeeded) has 2 terminal transitions", StringComparison.Ordinal));
        Assert.True(report.DuplicateResults >= 1);
    }

    [Fact]
    public async Task A_move_outside_the_transition_table_is_flagged()
    {
        var id = await db.TaskAsync("Succeeded", [(null, "Queued", 0), ("Queued", "Succeeded", 0)], []);

        var report = await CheckAsync();

        Assert.Contains(report.Violations, v => v.Contains($"task {id}: Queued -> Succeeded is not in the transition table", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lost_is_wrong_when_the_runner_ran_and_its_Api_was_not_disturbed()
    {
        var history = new (string?, string, int)[] { (null, "Queued", 0), ("Queued", "Dispatching", 1), ("Dispatching", "Running", 1), ("Running", "Queued", 1),
            ("Queued", "Dispatching", 2), ("Dispatching", "Running", 2), ("Running", "Queued", 2), ("Queued", "Dispatching", 3), ("Dispatching", "Running", 3),
            ("Running", "Succeeded", 3) };
        var id = await db.TaskAsync("Succeeded", [.. history[..^1], ("Running", "Queued", 3), ("Queued", "Dispatching", 4), ("Dispatching", "Running", 4),
            ("Running", "Succeeded", 4)], [(1, "Lost", Killed), (2, "Lost", Alive), (3, "Lost", Alive), (4, "Succeeded", Alive)]);
        // Attempt 3 never started (its claim was cut off): losing it is right.
        db.Markers(id, "s 1 1000", "s 2 2000", "s 4 3000", "e 4 3001 0");

        var report = await CheckAsync(new SubmittedTask(id, TaskKind.Quick, 0));

        Assert.Equal(1, report.WronglyMarkedLost);
        Assert.Equal(2, report.DuplicateExecutions);
    }

    [Fact]
    public async Task Success_without_a_runner_exiting_0_is_flagged()
    {
        var id = await db.TaskAsync("Succeeded", Clean, [(1, "Succeeded", Alive)]);
        db.Markers(id, "s 1 1000");

        var report = await CheckAsync(new SubmittedTask(id, TaskKind.Quick, 0));

        Assert.Contains(report.Violations, v => v.Contains($"task {id} attempt 1 recorded Succeeded, but its runner never exited 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_write_fenced_by_an_old_term_after_the_next_term_was_granted_is_flagged()
    {
        await db.TermAsync(101, "host/1/aaaaaa");
        await db.TermAsync(102, "host/2/bbbbbb");
        await db.TaskAsync("Queued", [(null, "Queued", 0)], [], term: 101);

        var report = await CheckAsync();

        Assert.Contains(report.Violations, v => v.Contains("fenced by term 101", StringComparison.Ordinal));
    }
}
