using System.Text.Json;

namespace Overseer.Contracts.Tasks;

/// <summary>One attempt of a task.</summary>
/// <param name="Number">1 for the first attempt.</param>
/// <param name="State">Attempt state.</param>
/// <param name="ExitCode">Exit code of the task's process, when it exited.</param>
/// <param name="FailureType">Why it did not succeed, when it did not.</param>
/// <param name="Reason">Human-readable outcome.</param>
/// <param name="Executor">Which executor ran it (<c>local</c> or <c>kubernetes</c>).</param>
/// <param name="CreatedAt">When it was claimed.</param>
/// <param name="StartedAt">When its process started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="LogBytes">Bytes of output stored.</param>
/// <param name="LogTruncatedBytes">Bytes of earlier output dropped to keep the stored tail within the limit.</param>
/// <param name="Result">The JSON result the runner posted through its sidecar, when one was recorded.</param>
/// <param name="ResultVerified">
/// Whether the recorded result's signature was verified with this attempt's key (and its enrollment was not contested);
/// null when no result was recorded.
/// </param>
/// <param name="ResultFiles">Paths of the files the runner left in its output directory, recorded with the result.</param>
public sealed record AttemptDto(
    int Number,
    AttemptState State,
    int? ExitCode,
    FailureType? FailureType,
    string? Reason,
    string Executor,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long LogBytes,
    long LogTruncatedBytes,
    JsonElement? Result = null,
    bool? ResultVerified = null,
    IReadOnlyList<string>? ResultFiles = null);
