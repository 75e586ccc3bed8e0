using System.Text.Json.Nodes;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Api;

/// <summary>Validation errors collected per field, answered as a 422 Invalid Status with one cause each.</summary>
public sealed class FieldErrors
{
    private readonly List<(string Reason, string Field, string Message)> _errors = [];

    /// <summary>True when nothing is wrong.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>A required field is missing.</summary>
    public void Required(string field, string? detail = null) =>
        _errors.Add(("FieldValueRequired", field, detail is null ? "Required value" : $"Required value: {detail}"));

    /// <summary>A field has a wrong value.</summary>
    public void Invalid(string field, JsonNode? value, string detail) =>
        _errors.Add(("FieldValueInvalid", field, $"Invalid value: {Show(value)}: {detail}"));

    /// <summary>A field has a value outside a closed set.</summary>
    public void NotSupported(string field, JsonNode? value, params string[] supported) =>
        _errors.Add(("FieldValueNotSupported", field,
            $"Unsupported value: {Show(value)}: supported values: {string.Join(", ", supported.Select(s => $"\"{s}\""))}"));

    /// <summary>A value occurs twice.</summary>
    public void Duplicate(string field, JsonNode? value) => _errors.Add(("FieldValueDuplicate", field, $"Duplicate value: {Show(value)}"));

    /// <summary>A reference to something that does not exist.</summary>
    public void NotFound(string field, JsonNode? value) => _errors.Add(("FieldValueNotFound", field, $"Not found: {Show(value)}"));

    /// <summary>The 422 for <paramref name="kind"/> named <paramref name="name"/>, as the API server words it.</summary>
    public SimApiException ToException(ResourceKind kind, string name)
    {
        var lines = _errors.Select(e => $"{e.Field}: {e.Message}").ToList();
        var message = $"{kind.QualifiedKind} \"{name}\" is invalid: " + (lines.Count == 1 ? lines[0] : $"[{string.Join(", ", lines)}]");
        var causes = new JsonArray();
        foreach (var (reason, field, text) in _errors)
        {
            causes.Add(new JsonObject { ["reason"] = reason, ["message"] = text, ["field"] = field });
        }
        var details = new JsonObject { ["name"] = name, ["group"] = kind.Group, ["kind"] = kind.Kind, ["causes"] = causes };
        return new SimApiException(422, "Invalid", message, details);
    }

    private static string Show(JsonNode? value) => value?.ToJsonString() ?? "null";
}
