using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Overseer.Contracts.Validation;

namespace Overseer.Api.Workflows.Parsing;

/// <summary>
/// Checks a parsed document against the shape of the type it will be read into, before reading it, so that every
/// unknown field and every value of the wrong type is reported in one answer (the deserializer stops at the first).
/// It follows the serializer's own contract (<see cref="JsonTypeInfo"/>), so it cannot drift from the types.
/// </summary>
internal static class ShapeChecker
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<JsonTypeInfo, (Dictionary<string, JsonPropertyInfo>, bool)> Properties = new();

    /// <summary>Every problem of <paramref name="node"/> read as <paramref name="type"/>.</summary>
    public static ValidationErrors Check(JsonNode? node, Type type, JsonSerializerOptions options)
    {
        var errors = new ValidationErrors();
        Walk(node, type, new Location("", null, -1), options, errors);
        return errors;
    }

    /// <summary>Where a node is: its parent's path and its key or index. The path text is built only when needed
    /// (an error, or a container whose children need it), so large documents do not pay a string per value.</summary>
    private readonly record struct Location(string Parent, string? Key, int Index)
    {
        public string Path => Key is not null ? Join(Parent, Key) : Index >= 0 ? $"{Parent}[{Index}]" : Parent;
    }

    private static void Walk(JsonNode? node, Type type, Location at, JsonSerializerOptions options, ValidationErrors errors)
    {
        if (node is null)
        {
            return;
        }
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(JsonNode) || type == typeof(JsonElement))
        {
            return;
        }
        if (type == typeof(JsonObject))
        {
            Expect(node is JsonObject, at, "must be an object", errors);
            return;
        }
        if (type == typeof(string))
        {
            // YAML writes numbers and booleans where strings are meant; the reader accepts them as their text.
            Expect(node is JsonValue { } v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False,
                at, "has the wrong type: expected a string", errors);
            return;
        }
        if (type == typeof(bool))
        {
            Expect(node is JsonValue { } v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False, at, "has the wrong type: expected true or false", errors);
            return;
        }
        if (type == typeof(int) || type == typeof(long))
        {
            Expect(node is JsonValue { } v && (v.TryGetValue<long>(out _) || (v.TryGetValue<string>(out var s) && long.TryParse(s, out _))),
                at, "has the wrong type: expected a whole number", errors);
            return;
        }
        var info = options.GetTypeInfo(type);
        var path = info.Kind is JsonTypeInfoKind.Object or JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary ? at.Path : "";
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                if (node is not JsonObject obj)
                {
                    errors.Add(Name(path), "has the wrong type: expected an object");
                    return;
                }
                var (properties, extension) = Properties.GetOrAdd(info, Index);
                foreach (var (key, value) in obj)
                {
                    if (properties.TryGetValue(key, out var property))
                    {
                        Walk(value, property.PropertyType, new Location(path, key, -1), options, errors);
                    }
                    else if (!extension)
                    {
                        errors.Add(Name(Join(path, key)), "is not a known field");
                    }
                }
                return;
            case JsonTypeInfoKind.Enumerable:
                if (node is not JsonArray array)
                {
                    errors.Add(Name(path), "has the wrong type: expected a list");
                    return;
                }
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], info.ElementType!, new Location(path, null, i), options, errors);
                }
                return;
            case JsonTypeInfoKind.Dictionary:
                if (node is not JsonObject map)
                {
                    errors.Add(Name(path), "has the wrong type: expected a mapping");
                    return;
                }
                foreach (var (key, value) in map)
                {
                    Walk(value, info.ElementType!, new Location(path, key, -1), options, errors);
                }
                return;
            default:
                return;
        }
    }

    private static (Dictionary<string, JsonPropertyInfo>, bool) Index(JsonTypeInfo info)
    {
        var comparer = info.Options.PropertyNameCaseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var properties = info.Properties.Where(p => !p.IsExtensionData).ToDictionary(p => p.Name, comparer);
        return (properties, info.Properties.Any(p => p.IsExtensionData));
    }

    private static void Expect(bool ok, Location at, string message, ValidationErrors errors)
    {
        if (!ok)
        {
            errors.Add(Name(at.Path), message);
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Name(string path) => path.Length == 0 ? "body" : path;
}
