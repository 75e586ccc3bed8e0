using Overseer.Contracts.Tasks;

namespace Overseer.Contracts.Stats;

/// <summary>A task that ended without success, with how its last attempt failed.</summary>
/// <param name="Id">Task id.</param>
/// <param name="Name">Task name.</param>
/// <param name="State">Failed, TimedOut or Lost.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="FailureType">Failure type of its last attempt.</param>
/// <param name="ExitCode">Exit code of its last attempt.</param>
/// <param name="Reason">Why it ended.</param>
public sealed record FailedTaskDto(Guid Id, string Name, TaskState State, DateTimeOffset FinishedAt, FailureType? FailureType, int? ExitCode, string? Reason);
