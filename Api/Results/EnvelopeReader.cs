using System.Security.Cryptography;
using System.Text.Json;
using Overseer.Contracts.Signing;

namespace Overseer.Api.Results;

/// <summary>Parses and checks a <see cref="ResultEnvelope"/>: strict JSON, safe relative paths, sizes and hashes that match.</summary>
internal static class EnvelopeReader
{
    /// <summary>The result's raw JSON (or null) and its files, or what is wrong.</summary>
    public static (string? ResultJson, IReadOnlyList<ResultFile> Files, string? Error) Read(byte[] body, int maxFiles)
    {
        ResultEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body, SigningJsonContext.Default.ResultEnvelope);
        }
        catch (JsonException e)
        {
            return (null, [], "the body is not a result envelope: " + e.Message);
        }
        if (envelope is null || envelope.Files is null)
        {
            return (null, [], "the body is not a result envelope");
        }
        if (envelope.Files.Count > maxFiles)
        {
            return (null, [], $"at most {maxFiles} files are accepted");
        }
        var files = new List<ResultFile>(envelope.Files.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in envelope.Files)
        {
            if (PathError(file.Path) is { } pathError)
            {
                return (null, [], $"file '{file.Path}': {pathError}");
            }
            if (!seen.Add(file.Path))
            {
                return (null, [], $"file '{file.Path}' appears twice");
            }
            byte[] content;
            try
            {
                content = Convert.FromBase64String(file.Content ?? "");
            }
            catch (FormatException)
            {
                return (null, [], $"file '{file.Path}': content is not base64");
            }
            var hash = SHA256.HashData(content);
            if (content.Length != file.Size || !string.Equals(Convert.ToHexStringLower(hash), file.Sha256, StringComparison.Ordinal))
            {
                return (null, [], $"file '{file.Path}': size or sha256 does not match its content");
            }
            files.Add(new ResultFile(file.Path, hash, content));
        }
        var result = envelope.Result is { ValueKind: not JsonValueKind.Null } element ? element.GetRawText() : null;
        return result is null && files.Count == 0 ? (null, [], "the envelope holds neither a result nor files") : (result, files, null);
    }

    private static string? PathError(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > 512)
        {
            return "path must be 1 to 512 characters";
        }
        if (path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal) || path.Any(char.IsControl))
        {
            return "path must be relative, with '/' separators and no control characters";
        }
        return path.Split('/').Any(s => s is "" or "." or "..") ? "path must not have empty, '.' or '..' segments" : null;
    }
}
