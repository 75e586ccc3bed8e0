using System.Text.Json;

namespace Overseer.Api.Infrastructure.Http;

/// <summary>Turns a <see cref="JsonException"/> into a field path and a message a user can act on.</summary>
public static class JsonErrors
{
    /// <summary>The field the error is about (JSON path without <c>$</c>), prefixed with <paramref name="prefix"/>.</summary>
    public static string FieldOf(JsonException e, string prefix = "")
    {
        var path = e.Path;
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return prefix.Length == 0 ? "body" : prefix;
        }
        var rest = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return prefix.Length == 0 ? rest : rest.StartsWith('[') ? prefix + rest : $"{prefix}.{rest}";
    }

    /// <summary>What is wrong, without .NET type names.</summary>
    public static string Describe(JsonException e)
    {
        var message = e.Message;
        var position = e.LineNumber is null ? "" : $" (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})";
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return "is not a known field";
        }
        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return "is given more than once" + position;
        }
        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "has the wrong type or is out of range" + position;
        }
        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return "is nested too deeply" + position;
        }
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return "is not valid JSON: " + (cut > 0 ? message[..cut] : message) + position;
    }
}
