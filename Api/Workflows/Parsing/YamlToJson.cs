using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Overseer.Api.Workflows.Parsing;

/// <summary>
/// Reads one YAML document into a JSON tree, defensively: aliases are expanded against a node budget (so a
/// "billion laughs" document fails fast instead of eating memory), nesting is bounded, duplicate keys and extra
/// documents are errors. Plain scalars resolve as in YAML 1.2's core schema.
/// </summary>
public static partial class YamlToJson
{
    /// <summary>Most JSON nodes a document may expand to (aliases included).</summary>
    public const int MaxNodes = 200_000;

    /// <summary>Deepest nesting accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>Parses <paramref name="yaml"/>; throws <see cref="DocumentException"/> on any problem.</summary>
    public static JsonNode? Read(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var reader = new Reader(parser);
        try
        {
            return reader.ReadStream();
        }
        catch (YamlException e)
        {
            throw new DocumentException("body", $"not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
        }
        catch (ArgumentException)
        {
            // A double-quoted escape pair that is not a surrogate pair ("\udc00\ud800") makes YamlDotNet's scanner call
            // char.ConvertToUtf32 with the wrong halves, which throws ArgumentOutOfRangeException.
            throw new DocumentException("body", $"not valid YAML at line {parser.Current?.End.Line ?? 1}: an escape names a lone or misordered surrogate");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some malformed flow collections, e.g. an unclosed
            // "{name: x" followed by more lines.
            throw new DocumentException("body", $"not valid YAML at line {parser.Current?.End.Line ?? 1}: a flow collection ({{…}} or […]) is not closed properly");
        }
    }

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntPattern();

    [GeneratedRegex("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    private sealed class Reader(IParser parser)
    {
        private readonly Dictionary<string, (JsonNode? Node, int Size)> _anchors = new(StringComparer.Ordinal);
        private int _nodes;

        public JsonNode? ReadStream()
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                throw new DocumentException("body", "the document is empty");
            }
            parser.Consume<DocumentStart>();
            var (root, _) = ReadNode(0);
            parser.Consume<DocumentEnd>();
            if (!parser.TryConsume<StreamEnd>(out _))
            {
                throw new DocumentException("body", "the body holds more than one YAML document; submit one workflow per request");
            }
            return root;
        }

        private (JsonNode? Node, int Size) ReadNode(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new DocumentException("body", $"nesting is deeper than {MaxDepth} levels");
            }
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                {
                    throw new DocumentException("body", $"alias *{alias.Value.Value} refers to no anchor");
                }
                Count(anchored.Size);
                return (anchored.Node?.DeepClone(), anchored.Size);
            }
            var (node, size, anchor) = parser.Current switch
            {
                Scalar => ReadScalar(),
                SequenceStart => ReadSequence(depth),
                MappingStart => ReadMapping(depth),
                _ => throw new DocumentException("body", $"unexpected YAML at line {parser.Current?.Start.Line}"),
            };
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = (node, size);
            }
            return (node, size);
        }

        private (JsonNode?, int, AnchorName) ReadScalar()
        {
            var scalar = parser.Consume<Scalar>();
            CheckTag(scalar.Tag, scalar.Start);
            Count(1);
            if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value is "tag:yaml.org,2002:str"))
            {
                return (JsonValue.Create(scalar.Value), 1, scalar.Anchor);
            }
            var v = scalar.Value;
            JsonNode? node = v switch
            {
                "" or "~" or "null" or "Null" or "NULL" => null,
                "true" or "True" or "TRUE" => JsonValue.Create(true),
                "false" or "False" or "FALSE" => JsonValue.Create(false),
                _ when IntPattern().IsMatch(v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
                _ when FloatPattern().IsMatch(v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => JsonValue.Create(d),
                _ => JsonValue.Create(v),
            };
            return (node, 1, scalar.Anchor);
        }

        private (JsonNode?, int, AnchorName) ReadSequence(int depth)
        {
            var start = parser.Consume<SequenceStart>();
            CheckTag(start.Tag, start.Start);
            Count(1);
            var array = new JsonArray();
            var size = 1;
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                var (item, itemSize) = ReadNode(depth + 1);
                array.Add(item);
                size += itemSize;
            }
            return (array, size, start.Anchor);
        }

        private (JsonNode?, int, AnchorName) ReadMapping(int depth)
        {
            var start = parser.Consume<MappingStart>();
            CheckTag(start.Tag, start.Start);
            Count(1);
            var map = new JsonObject();
            var size = 1;
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                if (parser.Current is not Scalar keyScalar)
                {
                    throw new DocumentException("body", $"mapping keys must be plain strings (line {parser.Current?.Start.Line})");
                }
                parser.MoveNext();
                var key = keyScalar.Value;
                if (key == "<<")
                {
                    throw new DocumentException("body", $"merge keys (<<) are not supported (line {keyScalar.Start.Line})");
                }
                var (value, valueSize) = ReadNode(depth + 1);
                if (map.ContainsKey(key))
                {
                    throw new DocumentException(key, $"key '{key}' is given more than once (line {keyScalar.Start.Line})");
                }
                map[key] = value;
                size += valueSize;
            }
            return (map, size, start.Anchor);
        }

        private void Count(int nodes)
        {
            _nodes += nodes;
            if (_nodes > MaxNodes)
            {
                throw new DocumentException("body", $"the document expands past {MaxNodes} nodes (too large, or aliases that multiply: a 'billion laughs' document)");
            }
        }

        private static void CheckTag(TagName tag, Mark at)
        {
            if (!tag.IsEmpty && !tag.IsNonSpecific && !tag.Value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal))
            {
                throw new DocumentException("body", $"YAML tag {tag.Value} is not supported (line {at.Line})");
            }
        }
    }
}
