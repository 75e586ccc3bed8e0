namespace Overseer.Api.Queues;

/// <summary>An item row as listed (<see cref="QueueSql.ListItems"/>).</summary>
internal sealed class QueueItemRecord
{
    public long Id { get; set; }
    public string State { get; set; } = "";
    public int Priority { get; set; }
    public DateTime RunAt { get; set; }
    public int Attempts { get; set; }
    public string Payload { get; set; } = "";
    public string? DedupKey { get; set; }
    public string? LastError { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public long? DeadLetterOf { get; set; }
}
