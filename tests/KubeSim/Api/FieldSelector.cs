using System.Text.Json.Nodes;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Api;

/// <summary>A parsed field selector (<c>path=value</c>, <c>path==value</c>, <c>path!=value</c>) over the fields each resource supports.</summary>
public sealed class FieldSelector
{
    private static readonly string[] Common = ["metadata.name", "metadata.namespace"];

    private static readonly Dictionary<string, string[]> Supported = new(StringComparer.Ordinal)
    {
        ["pods"] = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase", "status.podIP"],
        ["events"] =
        [
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
            "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type",
        ],
        ["jobs"] = ["status.successful"],
    };

    private readonly List<(string[] Path, string Value, bool Negate)> _terms = [];

    /// <summary>Parses a selector for <paramref name="kind"/>; an unsupported field is a 400, as in Kubernetes.</summary>
    public static FieldSelector Parse(string? text, ResourceKind kind)
    {
        var selector = new FieldSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (at, length, negate) = raw.IndexOf("!=", StringComparison.Ordinal) is > 0 and var ne ? (ne, 2, true)
                : raw.IndexOf("==", StringComparison.Ordinal) is > 0 and var eq ? (eq, 2, false)
                : raw.IndexOf('=', StringComparison.Ordinal) is > 0 and var e ? (e, 1, false)
                : throw SimApiException.BadRequest($"invalid selector: '{text}'; can't understand '{raw}'");
            var field = raw[..at].Trim();
            if (!Common.Contains(field) && !(Supported.TryGetValue(kind.Plural, out var fields) && fields.Contains(field)))
            {
                throw SimApiException.BadRequest($"field label not supported: {field}");
            }
            selector._terms.Add((field.Split('.'), raw[(at + length)..].Trim(), negate));
        }
        return selector;
    }

    /// <summary>True when the object satisfies every term.</summary>
    public bool Matches(JsonNode obj)
    {
        foreach (var (path, value, negate) in _terms)
        {
            JsonNode? node = obj;
            foreach (var part in path)
            {
                node = node?[part];
            }
            var actual = node switch
            {
                null => "",
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                _ => node.ToJsonString(),
            };
            if ((actual == value) == negate)
            {
                return false;
            }
        }
        return true;
    }
}
