using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Overseer.AppHost.Publish.Values;

/// <summary>Loads a values file: one YAML document whose root is a mapping, without anchors or aliases.</summary>
internal static class ValuesFile
{
    /// <summary>Larger files are refused: a values file is a page of settings, not data.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Deepest nesting accepted; the deepest key a values file has is a handful of levels down.</summary>
    public const int MaxDepth = 32;

    /// <summary>The root mapping of <paramref name="path"/>, or null for "all defaults" (no file, or an empty one).</summary>
    public static YamlMappingNode? Load(string? path)
    {
        if (path is null)
        {
            return null;
        }
        if (!File.Exists(path))
        {
            throw new PublishException($"--values {path}: file not found");
        }
        if (new FileInfo(path).Length > MaxBytes)
        {
            throw new PublishException($"--values {path}: larger than {MaxBytes / 1024} KiB");
        }
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses values text; <paramref name="name"/> labels errors.</summary>
    public static YamlMappingNode? Parse(string text, string name)
    {
        try
        {
            // Aliases would let a small file expand into a huge tree (the "billion laughs"); values files never need them.
            // Nesting is bounded while scanning: YamlDotNet's scanner slows down quadratically with open flow collections, so a
            // file of "[[[[..." would otherwise take minutes before any error.
            var parser = new Parser(new StringReader(text));
            var depth = 0;
            while (parser.MoveNext())
            {
                if (parser.Current is AnchorAlias or NodeEvent { Anchor.IsEmpty: false })
                {
                    throw new PublishException($"{name} line {parser.Current.Start.Line}: YAML anchors and aliases are not supported in values files");
                }
                if (parser.Current is Scalar scalar && HasLoneSurrogate(scalar.Value))
                {
                    // It parses, but no manifest can be written with it (the YAML writer refuses it), and no Kubernetes field takes it.
                    throw new PublishException($"{name} line {scalar.Start.Line}, column {scalar.Start.Column}: not valid Unicode (a lone surrogate)");
                }
                depth += parser.Current switch { MappingStart or SequenceStart => 1, MappingEnd or SequenceEnd => -1, _ => 0 };
                if (depth > MaxDepth)
                {
                    throw new PublishException($"{name} line {parser.Current!.Start.Line}: nested deeper than {MaxDepth} levels");
                }
            }
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            foreach (var document in stream.Documents)
            {
                CheckKeys(document.RootNode, name);
            }
            return stream.Documents.Count switch
            {
                0 => null,
                1 => stream.Documents[0].RootNode switch
                {
                    YamlMappingNode mapping => mapping,
                    var other when ValuesSection.IsNull(other) => null,
                    _ => throw new PublishException($"{name}: the top level must be a mapping of keys to values"),
                },
                _ => throw new PublishException($"{name}: holds {stream.Documents.Count} YAML documents; expected one"),
            };
        }
        catch (YamlException e)
        {
            throw new PublishException($"{name} line {e.Start.Line}, column {e.Start.Column}: not valid YAML ({e.InnerException?.Message ?? e.Message})");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some unclosed flow collections: "{a:" followed by more lines.
            throw new PublishException($"{name}: not valid YAML (a flow collection, {{…}} or […], is not closed properly)");
        }
        catch (ArgumentException)
        {
            // And this when a double-quoted escape pair is not a surrogate pair ("\udc00\ud800").
            throw new PublishException($"{name}: not valid YAML (an escape names a lone or misordered surrogate)");
        }
    }

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Every mapping key must be a scalar: "? {a: 1} : x" parses, but no setting is named by a mapping or a list.</summary>
    private static void CheckKeys(YamlNode node, string name)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode)
                    {
                        throw new PublishException($"{name} line {key.Start.Line}, column {key.Start.Column}: a key must be a plain value, not a mapping or a list");
                    }
                    CheckKeys(value, name);
                }
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    CheckKeys(item, name);
                }
                break;
        }
    }
}
