using Overseer.Chaos.Report;
using Overseer.Chaos.Scenarios;

namespace Overseer.Chaos.Tests.Scenarios;

/// <summary>
/// The quick run of the reliability suite: every scenario with a small burst and a few faults, fixed seeds. Each test
/// fails on any broken invariant; the table goes to the test output and to chaos-report.md.
/// </summary>
public sealed class QuickRunTests(ReportFixture report, ITestOutputHelper output)
{
    private const int Seed = 20261124;

    [Fact]
    public Task Api_killed_at_every_crash_point_and_by_kill_9_loses_no_task() => RunAsync(new ApiCrashScenario(), tasks: 16, faults: 5);

    [Fact]
    public Task Postgres_restarted_immediately_and_backends_terminated_loses_no_task() => RunAsync(new PostgresRestartScenario(), tasks: 16, faults: 2);

    [Fact]
    public Task Reset_blackholed_slow_database_connections_lose_no_task_and_hang_no_request() =>
        RunAsync(new ProxyFaultScenario(), tasks: 16, faults: 5);

    [Fact]
    public Task Runner_failures_end_in_the_state_each_runner_earned() => RunAsync(new RunnerFailureScenario(), tasks: 18, faults: 2);

    [Fact]
    public Task Sidecar_dying_before_or_after_relaying_loses_no_result_and_records_none_twice() =>
        RunAsync(new SidecarCrashScenario(), tasks: 14, faults: 4);

    [Fact]
    public Task Twenty_concurrent_duplicate_results_are_recorded_once_and_a_late_result_is_fenced() =>
        RunAsync(new DuplicateResultScenario(), tasks: 3, faults: 3);

    [Fact]
    public Task Skewed_sidecar_clock_and_jumping_Api_clock_lose_no_task_and_no_result() =>
        RunAsync(new ClockSkewScenario(), tasks: 14, faults: 3);

    [Fact]
    public Task Leader_killed_or_paused_past_its_lease_hands_over_without_overlapping_terms() =>
        RunAsync(new LeaderFailoverScenario(), tasks: 14, faults: 2);

    [Fact]
    public Task Kubernetes_faults_from_KubeSim_lose_no_task_and_never_make_two_Jobs_for_one_attempt() =>
        RunAsync(new KubeSimScenario(), tasks: 14, faults: 7);

    private async Task RunAsync(Scenario scenario, int tasks, int faults)
    {
        var settings = new ScenarioSettings(tasks, faults, Seed, line => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.f} {line}"))
        {
            DrainTimeout = TimeSpan.FromSeconds(120),
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var result = await scenario.RunAsync(settings, timeout.Token);
        output.WriteLine(report.Add(result));

        Assert.True(result.Submitted >= tasks, $"only {result.Submitted} of {tasks} tasks were accepted");
        Assert.True(result.Faults >= faults, $"only {result.Faults} of {faults} faults were injected");
        Assert.Equal(0, result.Invariants.Lost);
        Assert.Equal(0, result.Invariants.DuplicateResults);
        Assert.Equal(0, result.Invariants.WronglyMarkedLost);
        Assert.Empty(result.AllViolations);
    }
}
