namespace Overseer.Api.Queues;

/// <summary>A validated item ready to store.</summary>
/// <param name="Payload">The payload's JSON text.</param>
/// <param name="Priority">Higher runs first.</param>
/// <param name="RunAt">Not claimed before this time (UTC); null for now.</param>
/// <param name="DedupKey">Dedup key, if any.</param>
internal sealed record ParsedItem(string Payload, int Priority, DateTime? RunAt, string? DedupKey);
