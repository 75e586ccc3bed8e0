namespace Overseer.Api.Queues;

/// <summary>One queue as the spawner sees it (<see cref="PoolSql.SpawnerScan"/>).</summary>
internal sealed class SpawnerRow
{
    public string Name { get; set; } = "";
    public string Spec { get; set; } = "";
    public bool Paused { get; set; }
    public Guid? PoolTaskId { get; set; }
    public double? PoolAgeSeconds { get; set; }
    public string? WaitKind { get; set; }
    public string? PoolState { get; set; }
    public int? ExitCode { get; set; }
    public string? FailureType { get; set; }
    public string? PoolReason { get; set; }
    public int? Parallelism { get; set; }
    public long Due { get; set; }
}
