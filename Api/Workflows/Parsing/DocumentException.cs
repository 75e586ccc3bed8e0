namespace Overseer.Api.Workflows.Parsing;

/// <summary>A submitted document cannot be read; <see cref="Field"/> names where (or <c>body</c>).</summary>
public sealed class DocumentException(string field, string message) : Exception(message)
{
    /// <summary>Path of the offending field, or <c>body</c> (also for an empty key, which names no field).</summary>
    public string Field { get; } = string.IsNullOrEmpty(field) ? "body" : field;
}
