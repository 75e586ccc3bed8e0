namespace Overseer.Contracts.Stats;

/// <summary>Tasks submitted and finished in one minute.</summary>
/// <param name="Minute">Start of the minute (UTC).</param>
/// <param name="Submitted">Tasks created.</param>
/// <param name="Succeeded">Tasks that ended Succeeded.</param>
/// <param name="Failed">Tasks that ended Failed.</param>
/// <param name="TimedOut">Tasks that ended TimedOut.</param>
/// <param name="Lost">Tasks that ended Lost.</param>
/// <param name="Cancelled">Tasks that ended Cancelled.</param>
/// <param name="Skipped">Workflow jobs that ended Skipped.</param>
public sealed record MinuteStatsDto(
    DateTimeOffset Minute, long Submitted, long Succeeded, long Failed, long TimedOut, long Lost, long Cancelled, long Skipped);
