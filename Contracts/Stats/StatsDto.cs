namespace Overseer.Contracts.Stats;

/// <summary>
/// Answer to <c>GET /api/v1/stats</c>: what the Dashboard's overview shows. Every number comes from counters
/// maintained in the transactions that change task states, or from queries bounded by a LIMIT; none counts history.
/// </summary>
/// <param name="Now">The database clock when the answer was read.</param>
/// <param name="Counts">Tasks by kind and state (every state with a non-zero count).</param>
/// <param name="LastHour">Per minute, oldest first, the last 60 minutes (minutes with nothing are included as zeros).</param>
/// <param name="FailuresLastHour">Failed attempts of the last hour by failure type.</param>
/// <param name="RecentFailures">The latest tasks that ended Failed, TimedOut or Lost, newest first (at most 10).</param>
/// <param name="RunningWorkflows">Workflow runs still running.</param>
public sealed record StatsDto(
    DateTimeOffset Now,
    IReadOnlyList<StateCountDto> Counts,
    IReadOnlyList<MinuteStatsDto> LastHour,
    IReadOnlyList<FailureTypeCountDto> FailuresLastHour,
    IReadOnlyList<FailedTaskDto> RecentFailures,
    long RunningWorkflows);
