namespace Overseer.Contracts.Queues;

/// <summary>A queue: its definition, live statistics and its pool, as returned by <c>GET /api/v1/queues/{name}</c>.</summary>
/// <param name="Name">Queue name (a DNS-1123 label).</param>
/// <param name="Spec">The definition, with defaults filled in.</param>
/// <param name="Paused">True while paused: no claims are answered and no pool is started.</param>
/// <param name="CreatedAt">When the queue was first defined.</param>
/// <param name="UpdatedAt">When its definition or pause state last changed.</param>
/// <param name="Stats">Items by state, age and throughput.</param>
/// <param name="Pool">What the spawner is doing for this queue, and why.</param>
public sealed record QueueDto(
    string Name,
    QueueSpec Spec,
    bool Paused,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    QueueStatsDto Stats,
    QueuePoolDto Pool);
