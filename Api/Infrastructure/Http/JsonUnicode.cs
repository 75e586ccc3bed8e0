using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Overseer.Api.Infrastructure.Http;

/// <summary>
/// Finds keys and strings that are not valid Unicode: a JSON escape such as <c>"\ud800"</c> (or a YAML one) names a
/// lone surrogate, which parses, but throws <see cref="InvalidOperationException"/> when read as a string and cannot be
/// written as UTF-8. Readers check a tree with this first, so such input is a 400 naming the field, not a 500.
/// </summary>
public static class JsonUnicode
{
    /// <summary>What is said about such a string.</summary>
    public const string Problem = "is not valid Unicode: it holds a lone surrogate (an escape such as \\ud800 without its pair)";

    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    /// <summary>The path (without <c>$.</c>; <c>body</c> for the root) of the first bad key or string in <paramref name="node"/>, or null.</summary>
    public static string? FindInvalid(JsonNode? node) => Find(node, "");

    /// <summary>The path of the first bad key or string in <paramref name="element"/>, or null.</summary>
    public static string? FindInvalid(JsonElement element) => Find(element, "");

    private static string? Find(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                IEnumerable<KeyValuePair<string, JsonNode?>> members;
                try
                {
                    members = [.. o];
                }
                catch (InvalidOperationException)
                {
                    return Field(path);
                }
                foreach (var (key, child) in members)
                {
                    var at = path.Length == 0 ? key : $"{path}.{key}";
                    if (!IsValid(key))
                    {
                        return Field(path);
                    }
                    if (Find(child, at) is { } bad)
                    {
                        return bad;
                    }
                }
                return null;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (Find(a[i], $"{path}[{i}]") is { } bad)
                    {
                        return bad;
                    }
                }
                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                try
                {
                    return IsValid(v.GetValue<string>()) ? null : Field(path);
                }
                catch (InvalidOperationException)
                {
                    return Field(path);
                }
            default:
                return null;
        }
    }

    private static string? Find(JsonElement element, string path)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                        if (Find(property.Value, at) is { } bad)
                        {
                            return bad;
                        }
                    }
                    return null;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        if (Find(item, $"{path}[{i++}]") is { } bad)
                        {
                            return bad;
                        }
                    }
                    return null;
                case JsonValueKind.String:
                    return IsValid(element.GetString()!) ? null : Field(path);
                default:
                    return null;
            }
        }
        catch (InvalidOperationException)
        {
            return Field(path);
        }
    }

    private static bool IsValid(string text)
    {
        try
        {
            Strict.GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private static string Field(string path) => path.Length == 0 ? "body" : path;
}
