namespace Overseer.Api.Tasks;

/// <summary>A row of <c>tasks</c> as read for the API, with the database clock at read time.</summary>
internal sealed class TaskRecord
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public string State { get; set; } = "";
    public string Spec { get; set; } = "";
    public int Attempt { get; set; }
    public DateTime RunAfter { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string? Reason { get; set; }
    public DateTime? CancelRequestedAt { get; set; }
    public Guid? RetryOf { get; set; }
    public DateTime DbNow { get; set; }
}
