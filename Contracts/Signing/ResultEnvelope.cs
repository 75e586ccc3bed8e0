using System.Text.Json;

namespace Overseer.Contracts.Signing;

/// <summary>The signed body of <c>POST /internal/v1/results</c>: the runner's JSON result and the files it left.</summary>
/// <param name="Result">The JSON the runner posted, or null when it posted none (files only).</param>
/// <param name="Files">Files from the runner's output directory.</param>
public sealed record ResultEnvelope(JsonElement? Result, IReadOnlyList<OutputFileDto> Files);
