namespace Overseer.Contracts.Signing;

/// <summary>One file of a result envelope.</summary>
/// <param name="Path">Path relative to the output directory, with <c>/</c> separators.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the content.</param>
/// <param name="Content">The content, base64.</param>
public sealed record OutputFileDto(string Path, long Size, string Sha256, string Content);
