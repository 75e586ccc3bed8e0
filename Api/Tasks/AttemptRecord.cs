namespace Overseer.Api.Tasks;

/// <summary>A row of <c>attempts</c> as read for the API.</summary>
internal sealed class AttemptRecord
{
    public Guid TaskId { get; set; }
    public int Attempt { get; set; }
    public string State { get; set; } = "";
    public string Executor { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public int? ExitCode { get; set; }
    public string? FailureType { get; set; }
    public string? Reason { get; set; }
    public long LogBytes { get; set; }
    public long LogTruncatedBytes { get; set; }
    public string? WaitingReason { get; set; }
    public string? Result { get; set; }
    public bool? ResultVerified { get; set; }
    public string[]? ResultFiles { get; set; }
}
