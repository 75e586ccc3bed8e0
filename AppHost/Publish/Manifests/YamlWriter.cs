using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Overseer.AppHost.Publish.Manifests;

/// <summary>
/// Writes a JSON tree as block-style YAML. Strings that a YAML 1.1 or 1.2 reader would take for a number, a boolean
/// or null ("8080", "true", "on", "1e3") are double-quoted, so kubectl and every other reader see text.
/// </summary>
internal static partial class YamlWriter
{
    public static string Write(JsonNode node, string? header = null)
    {
        var text = new StringWriter { NewLine = "\n" };
        if (header is not null)
        {
            text.WriteLine(header);
        }
        var emitter = new Emitter(text, new EmitterSettings(2, int.MaxValue, false, 1024, indentSequences: true, newLine: "\n"));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject map:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, map.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in map)
                {
                    EmitString(emitter, key);
                    Emit(emitter, value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonArray list:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, list.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in list)
                {
                    Emit(emitter, item);
                }
                emitter.Emit(new SequenceEnd());
                break;
            default:
                switch (node.GetValueKind())
                {
                    case JsonValueKind.String:
                        EmitString(emitter, node.GetValue<string>());
                        break;
                    case JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number:
                        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, node.ToJsonString(), ScalarStyle.Plain, true, false));
                        break;
                    default:
                        throw new InvalidOperationException($"cannot write {node.GetValueKind()} as YAML");
                }
                break;
        }
    }

    private static void EmitString(IEmitter emitter, string value)
    {
        var style = value.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
            : NeedsQuotes(value) ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Any;
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, style, true, true));
    }

    /// <summary>True for text that a plain scalar would turn into something else under YAML 1.1 or 1.2, or that starts with ':' (IPv6), which older readers reject unquoted.</summary>
    private static bool NeedsQuotes(string value) =>
        value.Length == 0 || NumberLike().IsMatch(value) || Reserved().IsMatch(value);

    [GeneratedRegex(@"^([-+.]?[0-9]|:)")]
    private static partial Regex NumberLike();

    [GeneratedRegex("^(y|n|yes|no|on|off|true|false|null|~|[-+]?\\.(inf|nan))$", RegexOptions.IgnoreCase)]
    private static partial Regex Reserved();
}
