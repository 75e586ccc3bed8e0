namespace Overseer.Api.Queues;

/// <summary>A queue row with its statistics and the spawner's state (<see cref="PoolSql.Select"/>).</summary>
internal sealed class QueueRecord
{
    public string Name { get; set; } = "";
    public string Spec { get; set; } = "";
    public bool Paused { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid? PoolTaskId { get; set; }
    public DateTime? PoolStartedAt { get; set; }
    public Guid? LastPoolTaskId { get; set; }
    public string? WaitKind { get; set; }
    public DateTime? WaitUntil { get; set; }
    public string? WaitReason { get; set; }
    public DateTime DbNow { get; set; }
    public int? Parallelism { get; set; }
    public string? PoolState { get; set; }
    public long Available { get; set; }
    public long Claimed { get; set; }
    public long Done { get; set; }
    public long Dead { get; set; }
    public double? OldestAvailableSeconds { get; set; }
    public long DoneLastMinute { get; set; }
    public long DeadLastMinute { get; set; }
}
