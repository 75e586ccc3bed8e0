using System.Text.Json;
using System.Text.Json.Serialization;

namespace Overseer.Contracts.Problems;

/// <summary>An RFC 9457 problem details document, as every error of the Api is answered.</summary>
public sealed record ProblemDto
{
    /// <summary>URI naming the problem type.</summary>
    public string? Type { get; init; }
    /// <summary>Short summary.</summary>
    public string? Title { get; init; }
    /// <summary>HTTP status code.</summary>
    public int? Status { get; init; }
    /// <summary>Explanation of this occurrence.</summary>
    public string? Detail { get; init; }
    /// <summary>URI of this occurrence.</summary>
    public string? Instance { get; init; }
    /// <summary>For validation problems: messages by field path.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
    /// <summary>Other members, such as <c>traceId</c>.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extensions { get; init; }
}
