using System.Text.Json;
using System.Text.Json.Serialization;

namespace Overseer.Contracts.Problems;

/// <summary>An RFC 9457 problem details document, as every error of the Api is answered.</summary>
public sealed record ProblemDto
{
    /// <summary>URI naming the problem type.</summary>
    public string? Type { get; set; }
    /// <summary>Short summary.</summary>
    public string? Title { get; set; }
    /// <summary>HTTP status code.</summary>
    public int? Status { get; set; }
    /// <summary>Explanation of this occurrence.</summary>
    public string? Detail { get; set; }
    /// <summary>URI of this occurrence.</summary>
    public string? Instance { get; set; }
    /// <summary>For validation problems: messages by field path.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; set; }
    /// <summary>Other members, such as <c>traceId</c>.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extensions { get; set; }
}
