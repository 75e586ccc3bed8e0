namespace Overseer.Api.Queues;

/// <summary>Settings of queues, the spawner and pools (section <c>Queues</c>).</summary>
public sealed class QueueOptions
{
    /// <summary>Most items per enqueue request.</summary>
    public int MaxBatchItems { get; set; } = 10_000;

    /// <summary>Largest enqueue request body, in bytes.</summary>
    public int MaxRequestBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest payload of one item, in bytes of JSON text.</summary>
    public int MaxPayloadBytes { get; set; } = 256 * 1024;

    /// <summary>Largest body of a runtime request or a queue definition, in bytes.</summary>
    public int MaxSmallRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>How often the spawner looks at the queues (an enqueue on the leader also wakes it at once).</summary>
    public TimeSpan SpawnerInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the leader returns items with expired leases.</summary>
    public TimeSpan LeaseExpiryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most expired leases handled per statement.</summary>
    public int LeaseExpiryBatch { get; set; } = 1000;

    /// <summary>Most connections of the queue hot paths' own pool (<see cref="QueueDataSource"/>).</summary>
    public int MaxConnections { get; set; } = 40;

    /// <summary>
    /// Path of the built Worker (<c>Overseer.Worker.dll</c>) that pools of runtime <c>worker</c> run; by default the
    /// one built next to the Api (recorded at build time).
    /// </summary>
    public string? WorkerPath { get; set; }

    /// <summary>
    /// Address pool processes use to reach this Api. Defaults to <c>services:api:http:0</c> (Aspire's name, set by
    /// AppHost), else the first address this process listens on.
    /// </summary>
    public string? ApiUrl { get; set; }
}
