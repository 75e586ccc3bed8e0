using System.Text.Json;

namespace Overseer.Contracts.Queues;

/// <summary>An item a claim handed out.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Attempt">This claim's number (1 for the first claim).</param>
/// <param name="LeaseToken">Send it back with extend, ack, nack and release.</param>
/// <param name="LeaseExpiresAt">When the lease ends unless extended; after that the item may go to another runtime.</param>
/// <param name="Payload">The item's JSON payload.</param>
public sealed record ClaimedItem(long Id, int Attempt, Guid LeaseToken, DateTimeOffset LeaseExpiresAt, JsonElement Payload);
