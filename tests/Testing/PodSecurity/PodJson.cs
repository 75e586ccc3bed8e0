using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Overseer.Testing.PodSecurity;

/// <summary>Small readers over JSON pod specs, whether parsed from JSON/YAML or built in code.</summary>
internal static class PodJson
{
    public static bool IsTrue(JsonNode? node) => node?.GetValueKind() == JsonValueKind.True;

    public static bool IsFalse(JsonNode? node) => node?.GetValueKind() == JsonValueKind.False;

    public static string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    public static long? Number(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.Number && long.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    public static IEnumerable<(JsonObject Item, int Index)> Items(JsonNode? list) =>
        (list as JsonArray ?? []).Select((item, i) => (item as JsonObject, i)).Where(p => p.Item1 is not null).Select(p => (p.Item1!, p.i));

    /// <summary>Every container (regular, init, ephemeral) with its path, e.g. <c>spec.initContainers[0](sidecar)</c>.</summary>
    public static IEnumerable<(JsonObject Container, string Path)> Containers(JsonObject spec, string path)
    {
        foreach (var field in new[] { "containers", "initContainers", "ephemeralContainers" })
        {
            foreach (var (container, i) in Items(spec[field]))
            {
                yield return (container, $"{path}.{field}[{i}]({Text(container["name"])})");
            }
        }
    }
}
