using System.Text.Json;

namespace Overseer.Contracts.Queues;

/// <summary>An item as listed by <c>GET /api/v1/queues/{name}/items</c>.</summary>
/// <param name="Id">Item id (increasing).</param>
/// <param name="State"><c>available</c>, <c>claimed</c>, <c>done</c> or <c>dead</c>.</param>
/// <param name="Priority">Higher runs first.</param>
/// <param name="RunAt">Not claimed before this time.</param>
/// <param name="Attempts">Claims so far.</param>
/// <param name="Payload">The item's JSON payload.</param>
/// <param name="DedupKey">Its dedup key, if any.</param>
/// <param name="LastError">The error of its last failed attempt.</param>
/// <param name="LeaseExpiresAt">While claimed: when the lease ends.</param>
/// <param name="CreatedAt">When it was enqueued.</param>
/// <param name="FinishedAt">When it became done or dead.</param>
/// <param name="DeadLetterOf">For a copy made by dead-lettering: the id of the item that died.</param>
public sealed record QueueItemDto(
    long Id,
    string State,
    int Priority,
    DateTimeOffset RunAt,
    int Attempts,
    JsonElement Payload,
    string? DedupKey,
    string? LastError,
    DateTimeOffset? LeaseExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    long? DeadLetterOf);
