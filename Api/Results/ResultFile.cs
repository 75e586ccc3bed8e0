namespace Overseer.Api.Results;

/// <summary>A file of a result, checked and decoded.</summary>
/// <param name="Path">Relative path.</param>
/// <param name="Sha256">SHA-256 of the content.</param>
/// <param name="Content">The bytes.</param>
internal sealed record ResultFile(string Path, byte[] Sha256, byte[] Content);
