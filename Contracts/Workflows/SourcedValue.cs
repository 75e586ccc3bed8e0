using System.Text.Json.Nodes;

namespace Overseer.Contracts.Workflows;

/// <summary>A compiled value and the level it came from: <c>workflow</c>, <c>group</c> or <c>job</c>.</summary>
/// <param name="Name">Name or key (for list entries and map keys); null for scalars.</param>
/// <param name="Value">The value (a string, or an object for volumes, sources and valueFrom).</param>
/// <param name="Source">Level that set it.</param>
public sealed record SourcedValue(string? Name, JsonNode? Value, string Source);
